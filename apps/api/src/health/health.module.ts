// The health probes live in libs/observability so the worker serves the same ones.
export { HealthModule } from '@app/observability';
