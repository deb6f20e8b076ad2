import Logging
import Metrics
import Prometheus
import Synchronization

/// Process-wide logging and metrics, set up once at start.
public enum Observability {
    private static let registryStorage = Mutex<PrometheusCollectorRegistry?>(nil)

    /// Bootstraps swift-log with the redacting handler and swift-metrics with Prometheus.
    public static func bootstrap(service: String, level: Logger.Level) -> PrometheusCollectorRegistry {
        registryStorage.withLock { stored in
            if let stored { return stored }
            LoggingSystem.bootstrap { label in RedactingLogHandler(label: label, level: level) }
            let registry = PrometheusCollectorRegistry()
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
            stored = registry
            return registry
        }
    }
}
