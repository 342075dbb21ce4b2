import { collectDefaultMetrics, Registry } from 'prom-client';

let processRegistry: Registry | undefined;

/**
 * Heap, CPU, GC and event loop lag describe the process, not one application: they are collected
 * once per process, in a registry of their own, and every application of the process exposes them
 * beside its own registry. Collecting them per application would start one event loop monitor and
 * one GC observer per application, never stopped — in jest, which runs dozens of applications in
 * one process, that is dozens of timers waking 100 times a second.
 */
export function processMetricsRegistry(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}
