// Logs: pino JSON with trace, correlation and user ids (filled in by the logging work).
export {};
