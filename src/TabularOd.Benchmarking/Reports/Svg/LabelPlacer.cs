namespace TabularOd.Benchmarking.Reports.Svg;

/// <summary>
/// Places point labels greedily: each label takes the first position around its point, nearest ring first, that
/// overlaps nothing placed so far (points and earlier labels) and stays inside the bounds, or else the position
/// that overlaps least. Not optimal, but deterministic, cheap, and good enough for tens of labels. A label
/// pushed out beyond the first ring is flagged so the caller can draw a leader line back to its point.
/// </summary>
internal sealed class LabelPlacer
{
    private const int Rings = 3;

    // Right, left, above, below, then the four diagonals: the reader looks right of a point first.
    private static readonly (int Dx, int Dy)[] Directions = [(1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (1, 1), (-1, -1), (-1, 1)];

    private readonly List<Box> _taken = [];
    private readonly Box _bounds;

    public LabelPlacer(double left, double top, double right, double bottom) => _bounds = new Box(left, top, right, bottom);

    /// <summary>
    /// Where a label goes: the text's anchor point (y is the vertical middle), its anchor kind, and, for a label
    /// placed away from its point, the point on the label's box nearest to the point, for a leader line.
    /// </summary>
    public readonly record struct Placement(double X, double Y, TextAnchor Anchor, (double X, double Y)? LeaderEnd);

    /// <summary>Marks a point marker as taken, so no label covers it.</summary>
    public void AddObstacle(double cx, double cy, double radius) =>
        _taken.Add(new Box(cx - radius, cy - radius, cx + radius, cy + radius));

    /// <summary>Chooses and reserves a position for a label of the given size beside the point (cx, cy).</summary>
    public Placement Place(double cx, double cy, double width, double height, double gap)
    {
        double h = height / 2;
        (double X, double Y, TextAnchor Anchor, int Ring) best = default;
        double bestCost = double.PositiveInfinity;
        for (int ring = 0; ring < Rings && bestCost > 0; ring++)
        {
            foreach (var (dx, dy) in Directions)
            {
                var candidate = Candidate(cx, cy, dx, dy, ring, gap, height);
                var box = BoxOf(candidate.X, candidate.Y, candidate.Anchor, width, h);
                // Leaving the plot is worse than overlapping a neighbour: a clipped label cannot be read at all.
                double cost = Overlap(box) + 10 * (box.Area - box.Intersection(_bounds));
                if (cost < bestCost - 1e-9)
                {
                    best = (candidate.X, candidate.Y, candidate.Anchor, ring);
                    bestCost = cost;
                    if (cost <= 0)
                    {
                        break;
                    }
                }
            }
        }
        var chosen = BoxOf(best.X, best.Y, best.Anchor, width, h);
        _taken.Add(chosen);
        (double, double)? leader = best.Ring == 0
            ? null
            : (Math.Clamp(cx, chosen.Left, chosen.Right), Math.Clamp(cy, chosen.Top, chosen.Bottom));
        return new Placement(best.X, best.Y, best.Anchor, leader);
    }

    private static (double X, double Y, TextAnchor Anchor) Candidate(double cx, double cy, int dx, int dy, int ring,
        double gap, double height)
    {
        // Each ring moves one label height further out vertically and a little further out horizontally.
        double reachX = gap * (dy == 0 ? 1 : 0.7) + ring * height * 1.5;
        double reachY = dy == 0 ? 0 : gap * (dx == 0 ? 1 : 0.7) + height / 2 + ring * height;
        var anchor = dx > 0 ? TextAnchor.Start : dx < 0 ? TextAnchor.End : TextAnchor.Middle;
        return (cx + dx * reachX, cy + dy * reachY, anchor);
    }

    private double Overlap(Box box)
    {
        double total = 0;
        foreach (var other in _taken)
        {
            total += box.Intersection(other);
        }
        return total;
    }

    private static Box BoxOf(double x, double y, TextAnchor anchor, double width, double halfHeight)
    {
        double left = anchor switch
        {
            TextAnchor.Start => x,
            TextAnchor.End => x - width,
            _ => x - width / 2,
        };
        return new Box(left, y - halfHeight, left + width, y + halfHeight);
    }

    private readonly record struct Box(double Left, double Top, double Right, double Bottom)
    {
        public double Area => (Right - Left) * (Bottom - Top);

        public double Intersection(Box other)
        {
            double w = Math.Min(Right, other.Right) - Math.Max(Left, other.Left);
            double h = Math.Min(Bottom, other.Bottom) - Math.Max(Top, other.Top);
            return w > 0 && h > 0 ? w * h : 0;
        }
    }
}
