// Replies the Forge proxy itself produces (not the product): signalled by the `forge-proxy-error` header.
export function proxyError(status: number, reason: string, message: string): Response {
  return new Response(JSON.stringify({ code: status, message }), {
    status,
    headers: { 'content-type': 'application/json', 'forge-proxy-error': reason },
  });
}

export const needsAuthentication = (message: string): Response =>
  proxyError(401, 'NEEDS_AUTHENTICATION_ERR', message);
