import AllHandsCore
import Foundation

/// The weekly report at the bench's scale (issue 11): `reports.weekly` over the week under way
/// and the seven before it (the demo's walk-a-mile data included), each read several times, and
/// the time to write a report as HTML and as Markdown. Target: a report in 1 s at a million tickets.
struct ReportBenchmarks {
    let path: String
    let report: Report
    static let weeks = 8
    static let rounds = 3

    func run() throws {
        let clock = SystemClock()
        let database = try Workspace.openDatabase(path: path, clock: clock)
        let workspace = try Workspace(database: database, config: .default, clock: clock, login: "bench")
        let zone = ShiftTime.companyZone(workspace.config)
        let current = ISOWeek.containing(clock.epochSeconds, zone: zone)
        let weeks = (0..<Self.weeks).map { current.adding(-$0) }
        let tickets = try database.read { try $0.fetchInt("SELECT count(*) FROM tickets") } ?? 0
        var reports: [WeeklyReport] = []
        var samples: [Double] = []
        for _ in 0..<Self.rounds {
            for week in weeks {
                var last: WeeklyReport?
                samples.append(try Measure.seconds { last = try workspace.reports.weekly(week: week) } * 1_000)
                if let last, reports.count < weeks.count { reports.append(last) }
            }
        }
        guard !reports.isEmpty else { throw BenchFailure("no weekly report was read") }
        let created = reports.map(\.ticketsIn.this).max() ?? 0
        report.add("report", "weekly report, \(tickets / 1_000)k tickets, \(Self.weeks) weeks (up to \(created) new a week), p50",
                   Measure.quantile(samples, 0.5), "ms")
        report.add("report", "weekly report, p99", Measure.quantile(samples, 0.99), "ms", atMost: 1_000)
        var bytes = 0
        let html = Measure.percentiles(50) { i in bytes = WeeklyReportHTML.write(reports[i % reports.count]).utf8.count }
        report.add("report", "weekly report written as HTML (\(bytes / 1_024) KiB), p50", html.p50, "ms")
        let markdown = Measure.percentiles(50) { i in _ = WeeklyReportMarkdown.write(reports[i % reports.count]) }
        report.add("report", "weekly report written as Markdown, p50", markdown.p50, "ms")
    }
}
