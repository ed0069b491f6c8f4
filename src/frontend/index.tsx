// Entry of the UI Kit admin page (the manifest's resource): renders the app through Forge's reconciler.
import ForgeReconciler from '@forge/react';
import { App } from './app';

ForgeReconciler.render(<App />);
