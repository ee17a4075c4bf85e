import Foundation

/// What the figures were measured on.
enum Machine {
    static func describe() -> [String: String] {
        var info: [String: String] = [:]
        info["cores"] = String(ProcessInfo.processInfo.activeProcessorCount)
        info["memory"] = String(format: "%.1f GiB", Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824)
        if let cpu = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
           let line = cpu.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
           let name = line.split(separator: ":", maxSplits: 1).last {
            info["cpu"] = name.trimmingCharacters(in: .whitespaces)
        }
        info["date"] = ISO8601DateFormatter().string(from: Date())
        return info
    }
}
