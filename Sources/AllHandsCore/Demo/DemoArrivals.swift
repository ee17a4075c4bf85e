import Foundation

/// When demo tickets arrive: spread over the window, busier on weekday working hours (in the
/// company's time zone) than at night and at weekends, and always in id order.
///
/// Each hour of the window gets a weight; ticket `i` of `n` lands at the point
/// `(i + u) / n` of the cumulative weight (u uniform in 0..<1). That keeps arrival times
/// increasing with the id while following the weights, and costs O(1) per ticket.
struct DemoArrivals {
    private let start: Int64
    private let weights: [Double]
    private let cumulative: [Double]
    private let total: Double
    private let count: Int
    private var hour = 0

    init(now: Int64, days: Int, count: Int, timeZone: TimeZone) {
        let hours = days * 24
        start = now - Int64(hours) * 3_600
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var weights: [Double] = []
        weights.reserveCapacity(hours)
        for h in 0..<hours {
            let date = Date(timeIntervalSince1970: TimeInterval(start + Int64(h) * 3_600))
            let parts = calendar.dateComponents([.weekday, .hour], from: date)
            let weekend = parts.weekday == 1 || parts.weekday == 7
            let local = parts.hour ?? 12
            let working = (9..<18).contains(local)
            let evening = (7..<9).contains(local) || (18..<22).contains(local)
            weights.append(weekend ? (working ? 2 : 0.7) : (working ? 10 : evening ? 3 : 0.8))
        }
        var cumulative = [0.0]
        cumulative.reserveCapacity(hours + 1)
        for w in weights { cumulative.append(cumulative[cumulative.count - 1] + w) }
        self.weights = weights
        self.cumulative = cumulative
        self.total = cumulative[hours]
        self.count = max(count, 1)
    }

    /// The arrival time of ticket `index` (called with increasing indexes).
    mutating func time(of index: Int, jitter u: Double) -> Int64 {
        let target = (Double(index) + u) / Double(count) * total
        while hour < weights.count - 1, cumulative[hour + 1] <= target { hour += 1 }
        let within = (target - cumulative[hour]) / weights[hour]
        return start + Int64(hour) * 3_600 + Int64(within * 3_600)
    }
}
