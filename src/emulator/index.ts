export { startEmulator, type Emulator, type EmulatorOptions } from './startEmulator.js';
export { type ApiRoute, type FunctionConfig, type FunctionRuntime } from './config/FunctionConfig.js';
