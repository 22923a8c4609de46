using SocialSla.Core.Kpis;

namespace SocialSla.Core.Tests.Kpis;

/// <summary>Counts under a bound, for the first-reply histogram of the KPI view (issue #7).</summary>
public sealed class QuantileSketchCountAtMostTests
{
    [Fact]
    public void CountAtMost_counts_values_up_to_the_bound_within_the_relative_accuracy()
    {
        var sketch = new QuantileSketch();
        foreach (var seconds in new[] { 0.0, 60, 299, 301, 900, 3600, 7200, 100_000 }) sketch.Add(seconds);

        Assert.Equal(0, sketch.CountAtMost(-1));
        Assert.Equal(1, sketch.CountAtMost(0));
        Assert.Equal(2, sketch.CountAtMost(150));
        Assert.Equal(4, sketch.CountAtMost(600));
        Assert.Equal(6, sketch.CountAtMost(3600 * (1 + 2 * QuantileSketch.RelativeAccuracy)));
        Assert.Equal(8, sketch.CountAtMost(double.MaxValue));
    }

    [Fact]
    public void CountAtMost_agrees_with_the_quantiles()
    {
        var sketch = new QuantileSketch();
        for (var i = 1; i <= 1000; i++) sketch.Add(i * 7.3);

        foreach (var q in new[] { 0.1, 0.5, 0.9 })
            Assert.True(sketch.CountAtMost(sketch.Quantile(q)!.Value) >= (long)Math.Ceiling(q * 1000));
    }
}
