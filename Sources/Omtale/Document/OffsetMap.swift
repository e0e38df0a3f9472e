/// A monotone, piecewise-shifted map from offsets in one text to offsets in another.
///
/// Each transformation that is not one-to-one (a dropped soft hyphen, a rejoined line-end
/// hyphenation, CRLF folded to LF, markup stripped by an input plugin) records an anchor:
/// from the anchor on, offset `x` maps to `anchor.target + (x - anchor.source)`.
/// Storing anchors instead of one entry per character keeps the map small on large files.
public struct OffsetMap: Sendable, Equatable {
    private(set) var sources: [Int] = [0]
    private(set) var targets: [Int] = [0]

    public init() {}

    /// The identity map.
    public static let identity = OffsetMap()

    /// Records that `source` (and what follows it, until the next anchor) maps to `target`.
    /// Anchors must be added in increasing source order.
    public mutating func anchor(_ source: Int, to target: Int) {
        if let last = sources.last, last == source {
            targets[targets.count - 1] = target
            return
        }
        // Skip anchors that the current shift already implies.
        if let lastSource = sources.last, let lastTarget = targets.last, target - source == lastTarget - lastSource {
            return
        }
        sources.append(source)
        targets.append(target)
    }

    public func map(_ offset: Int) -> Int {
        // Binary search for the last anchor at or before offset.
        var low = 0
        var high = sources.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if sources[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return max(0, targets[low] + (offset - sources[low]))
    }
}
