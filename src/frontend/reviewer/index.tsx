// Entry of the UI Kit reviewer page (the manifest's reviewer-page resource): renders it through Forge's reconciler.
import ForgeReconciler from '@forge/react';
import { ReviewerApp } from './reviewer-app';

ForgeReconciler.render(<ReviewerApp />);
