namespace SocialSla.Standalone.Generate;

/// <summary>Draws conversation start times: a Poisson process with a diurnal and weekly rate, plus brand incidents.</summary>
/// <remarks>
/// <para>The base rate is <see cref="ConversationsPerDay"/> on an average day, modulated by an hour-of-day profile
/// (UTC; quiet at 04–07, busiest at 15–19) and a day-of-week profile (weekends about 30 % quieter); it is sampled by
/// thinning, so arrival times are exact for the piecewise-constant rate.</para>
/// <para>Incidents: about every <see cref="MeanDaysBetweenIncidents"/> days one brand has a 1–3 hour outage, which adds
/// <see cref="IncidentBoost"/> times the base rate of outage conversations for that brand (a volume spike).</para>
/// </remarks>
internal sealed class ArrivalClock
{
    /// <summary>Conversations per average day; with about 2.45 messages each, 10⁶ messages span about three weeks.</summary>
    public const double ConversationsPerDay = 19_000;

    public const double MeanDaysBetweenIncidents = 2.5;
    public const double IncidentBoost = 0.6;

    private const double MsPerDay = 86_400_000;
    private const long MsPerHour = 3_600_000;

    private static readonly double[] Hourly =
    [
        0.90, 0.75, 0.60, 0.45, 0.35, 0.30, 0.30, 0.35, 0.45, 0.60, 0.75, 0.90,
        1.05, 1.20, 1.35, 1.45, 1.50, 1.50, 1.45, 1.40, 1.35, 1.25, 1.15, 1.00,
    ];

    /// <summary>Monday first.</summary>
    private static readonly double[] Daily = [1.05, 1.05, 1.00, 1.00, 0.95, 0.75, 0.70];

    private static readonly double MeanMultiplier = Hourly.Average() * Daily.Average();
    private static readonly double MaxMultiplier = Hourly.Max() * Daily.Max();

    private readonly TrafficRandom _random;
    private readonly IReadOnlyList<BrandProfile> _brands;
    private readonly double _baseRatePerMs;
    private double _t;
    private double _incidentStart;
    private double _incidentEnd;
    private int _incidentBrand;

    public ArrivalClock(TrafficRandom random, IReadOnlyList<BrandProfile> brands, long startUnixMs)
    {
        _random = random;
        _brands = brands;
        _baseRatePerMs = ConversationsPerDay / MsPerDay / MeanMultiplier;
        _t = startUnixMs;
        ScheduleIncident(startUnixMs);
    }

    /// <summary>The next conversation start, and the index of the brand whose incident caused it (if any).</summary>
    public (long UnixMs, int? IncidentBrand) Next()
    {
        var maxRate = _baseRatePerMs * (MaxMultiplier + IncidentBoost);
        while (true)
        {
            _t += _random.Exponential(1.0 / maxRate);
            if (_t >= _incidentEnd) ScheduleIncident(_t);
            var unixMs = (long)_t;
            var regular = _baseRatePerMs * Multiplier(unixMs);
            var incident = _t >= _incidentStart ? _baseRatePerMs * IncidentBoost : 0.0;
            var u = _random.NextDouble() * maxRate;
            if (u < regular) return (unixMs, null);
            if (u < regular + incident) return (unixMs, _incidentBrand);
        }
    }

    private void ScheduleIncident(double after)
    {
        _incidentStart = after + _random.Exponential(MeanDaysBetweenIncidents * MsPerDay);
        _incidentEnd = _incidentStart + MsPerHour * (1 + 2 * _random.NextDouble());
        _incidentBrand = ConversationFactory.PickBrand(_random, _brands);
    }

    private static double Multiplier(long unixMs)
    {
        var days = Math.DivRem(unixMs, (long)MsPerDay, out var msOfDay);
        if (msOfDay < 0) { days--; msOfDay += (long)MsPerDay; }
        var dayOfWeek = (int)(((days + 3) % 7 + 7) % 7); // 1970-01-01 was a Thursday; Monday = 0.
        return Hourly[msOfDay / MsPerHour] * Daily[dayOfWeek];
    }
}
