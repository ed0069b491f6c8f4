// Entry of the demo UI Kit page, bundled exactly like the app's src/frontend/index.tsx will be.
import ForgeReconciler from '@forge/react';
import { DemoApp } from './demo-app';

ForgeReconciler.render(<DemoApp />);
