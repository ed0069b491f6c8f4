// The Forge platform's part of the control API under /__emulator/ in `npm start`: its delivery dials, so anyone
// can rehearse duplicate deliveries and lost product events against the running app (tests set them directly).
import type { ControlResponse } from '../site/control-api';
import type { ForgePlatform } from './platform';

export function handlePlatformControl(
  platform: ForgePlatform,
  method: string,
  path: string,
  body: unknown,
): ControlResponse | undefined {
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
