// The forgeDoc renderer's public surface: the walker, the adapter registry and the forgeDoc helpers.
export {
  ForgeDocView,
  Unsupported,
  type AdapterRegistry,
  type PreviewServices,
  type PreviewUser,
} from './render-forge-doc';
export { UI_KIT_ADAPTERS } from './registry';
export { snapshotForgeDoc, textOf, type ForgeDoc } from './forge-doc';
export { serialiseEvent, type SerialisableEvent } from './events';
