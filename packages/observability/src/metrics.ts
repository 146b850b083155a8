// Metrics: Prometheus text at /metrics (filled in by the metrics work).
export {};
