// The Forge platform's part of the control API under /__emulator/ in `npm start`: its delivery dials, so anyone
// can rehearse duplicate deliveries and lost product events against the running app, and each installation's
// licence (tests set both directly).
import type { ControlResponse } from '../site/control-api';
import { isLicenseState, LICENSE_STATES } from './license';
import type { ForgePlatform } from './platform';

function licenses(platform: ForgePlatform): ControlResponse {
  return {
    status: 200,
    body: {
      installations: platform.installations.map((i) => ({
        id: i.id,
        products: i.products,
        license: i.license,
      })),
    },
  };
}

/** GET lists each installation's licence state; PUT `{state, product?}` sets the installation serving `product`. */
function handleLicenseControl(platform: ForgePlatform, method: string, body: unknown): ControlResponse {
  if (method === 'GET') return licenses(platform);
  if (method !== 'PUT') return { status: 405, body: { error: 'GET or PUT /__emulator/license' } };
  const usage = `The body must be {"state": ${LICENSE_STATES.map((s) => `"${s}"`).join(' | ')}, "product"?: "jira" | "confluence"}.`;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { status: 400, body: { error: usage } };
  const { state, product, ...rest } = body as Record<string, unknown>;
  if (Object.keys(rest).length || !isLicenseState(state)) return { status: 400, body: { error: usage } };
  if (product !== undefined && product !== 'jira' && product !== 'confluence')
    return { status: 400, body: { error: usage } };
  const installation = product ? platform.installationServing(product) : platform.installation;
  if (!installation)
    return { status: 404, body: { error: `No installation of the app serves ${String(product)}.` } };
  platform.setLicense(state, installation);
  return licenses(platform);
}

export function handlePlatformControl(
  platform: ForgePlatform,
  method: string,
  path: string,
  body: unknown,
): ControlResponse | undefined {
  if (path === '/license') return handleLicenseControl(platform, method, body);
  if (path !== '/delivery') return undefined;
  if (method === 'GET') return { status: 200, body: platform.deliveryDials() };
  if (method !== 'PUT') return { status: 405, body: { error: 'GET or PUT /__emulator/delivery' } };
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return {
      status: 400,
      body: { error: 'The body must be a JSON object: {duplicateDeliveryRate?, eventLossRate?}.' },
    };
  const { duplicateDeliveryRate, eventLossRate, ...rest } = body as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length)
    return {
      status: 400,
      body: { error: `Unknown dial(s) ${unknown.join(', ')}: only duplicateDeliveryRate and eventLossRate.` },
    };
  try {
    return { status: 200, body: platform.setDeliveryDials({ duplicateDeliveryRate, eventLossRate }) };
  } catch (e) {
    if (e instanceof RangeError) return { status: 400, body: { error: e.message } };
    throw e;
  }
}
