#!/usr/bin/env node
// Launcher for the headless CLI: registers tsx so Node runs the TypeScript in cli/ directly.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
