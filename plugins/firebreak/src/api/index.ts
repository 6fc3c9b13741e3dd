export * from './FirebreakApi';
export * from './FirebreakClient';
