// Runs a step inside an app directory and with extra environment variables, then puts both back.
// Forge's tooling reads ./manifest.yml, ./src and ./tsconfig.json from the working directory and its switches from
// process.env, so each check borrows both; the checks run one after another, never overlapping.

export async function inDirectory<T>(dir: string, step: () => Promise<T>): Promise<T> {
  const previous = process.cwd();
  process.chdir(dir);
  try {
    return await step();
  } finally {
    process.chdir(previous);
  }
}

export async function withEnv<T>(vars: Record<string, string>, step: () => Promise<T>): Promise<T> {
  const previous = new Map(Object.keys(vars).map((key) => [key, process.env[key]]));
  Object.assign(process.env, vars);
  try {
    return await step();
  } finally {
    for (const [key, value] of previous) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}
