import Foundation

/// Where the checkout, the built binaries and the fetched tools are.
enum Paths {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var tansu: URL {
        if let path = ProcessInfo.processInfo.environment["QYZMET_TANSU"] { return URL(fileURLWithPath: path) }
        return packageRoot.appendingPathComponent(".tools/bin/tansu")
    }

    static var librdkafkaDirectory: URL { packageRoot.appendingPathComponent(".tools/lib") }

    /// The directory with the service executables: the test bundle sits next to them.
    static var binaries: URL {
        if let path = ProcessInfo.processInfo.environment["QYZMET_BIN_DIR"] { return URL(fileURLWithPath: path) }
        var url = Bundle.main.bundleURL
        while url.path != "/" {
            if FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("intake").path) { return url }
            url.deleteLastPathComponent()
        }
        return Bundle.main.bundleURL.deletingLastPathComponent()
    }

    static let devKeys: URL = packageRoot.appendingPathComponent("compose/dev-keys")
}
