using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialSla.Core.Kpis;

namespace SocialSla.Core.Tests.Kpis;

public class QuantileSketchTests
{
    private static double NearestRank(double[] sorted, double q) =>
        sorted[Math.Max(1, (int)Math.Ceiling(q * sorted.Length)) - 1];

    [Property(MaxTest = 200)]
    public Property Prop_QuantilesAreWithinOnePercentOfNearestRank()
    {
        var values = Gen.Choose(1, 50_000_000).Select(v => v / 10.0).ArrayOf().Where(a => a.Length > 0);
        var quantile = Gen.Elements(0.0, 0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 1.0);
        return Prop.ForAll(values.ToArbitrary(), quantile.ToArbitrary(), (sample, q) =>
        {
            var sketch = new QuantileSketch();
            foreach (var v in sample) sketch.Add(v);
            var sorted = sample.OrderBy(v => v).ToArray();
            var exact = NearestRank(sorted, q);
            var answer = sketch.Quantile(q)!.Value;
            return Math.Abs(answer - exact) <= 0.01 * exact;
        });
    }

    [Property(MaxTest = 100)]
    public Property Prop_MergeEqualsAddingEverythingToOne()
    {
        var values = Gen.Choose(0, 10_000_000).Select(v => (double)v).ArrayOf();
        return Prop.ForAll(values.ToArbitrary(), values.ToArbitrary(), (left, right) =>
        {
            var a = new QuantileSketch();
            var b = new QuantileSketch();
            var all = new QuantileSketch();
            foreach (var v in left) { a.Add(v); all.Add(v); }
            foreach (var v in right) { b.Add(v); all.Add(v); }
            a.Merge(b);
            return a.Count == all.Count && a.Buckets().SequenceEqual(all.Buckets());
        });
    }

    [Fact]
    public void Add_NegativeCountRetractsAValue_QuantilesAsIfNeverAdded()
    {
        var sketch = new QuantileSketch();
        sketch.Add(10);
        sketch.Add(1_000_000);
        sketch.Add(1_000_000, -1);
        Assert.Equal(1, sketch.Count);
        Assert.InRange(sketch.Quantile(1.0)!.Value, 9.9, 10.1);
        Assert.Single(sketch.Buckets());
    }

    [Fact]
    public void Quantile_Empty_IsNull() => Assert.Null(new QuantileSketch().Quantile(0.5));

    [Fact]
    public void Quantile_ZeroValues_AnswerZero()
    {
        var sketch = new QuantileSketch();
        sketch.Add(0);
        sketch.Add(0);
        sketch.Add(100);
        Assert.Equal(0, sketch.Quantile(0.5));
        Assert.InRange(sketch.Quantile(0.9)!.Value, 99, 101);
    }

    [Fact]
    public void FromBuckets_RoundTripsEveryBucket()
    {
        var sketch = new QuantileSketch();
        foreach (var v in new[] { 0.0, 1, 2, 3, 500, 86_400 }) sketch.Add(v);
        var copy = QuantileSketch.FromBuckets(sketch.Buckets());
        Assert.Equal(sketch.Buckets(), copy.Buckets());
        Assert.Equal(sketch.Count, copy.Count);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Add_InvalidValue_Throws(double value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuantileSketch().Add(value));
}
