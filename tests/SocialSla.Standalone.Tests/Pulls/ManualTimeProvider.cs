namespace SocialSla.Standalone.Tests.Pulls;

/// <summary>A fake clock whose timers fire only when the test advances time (<see cref="Advance"/>). Like a real
/// machine's, the wall clock (<see cref="GetUtcNow"/>) can also be stepped backwards or forwards without moving any
/// timer (<see cref="Step"/>), as NTP or an operator does to <see cref="TimeProvider.System"/>.</summary>
/// <param name="start">The wall clock's first reading.</param>
/// <param name="fakeTimestamps">Whether <see cref="TimeProvider.GetTimestamp"/> reads the fake monotonic clock too
/// (elapsed-time measurements then move only with <see cref="Advance"/>) instead of the machine's.</param>
internal sealed class ManualTimeProvider(DateTimeOffset start, bool fakeTimestamps = false) : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private TimeSpan _monotonic;
    private TimeSpan _step;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return start + _monotonic + _step;
    }

    public override long GetTimestamp()
    {
        if (!fakeTimestamps) return base.GetTimestamp();
        lock (_gate) return _monotonic.Ticks * TimestampFrequency / TimeSpan.TicksPerSecond;
    }

    /// <summary>Timers still waiting to fire.</summary>
    public int PendingTimers
    {
        get { lock (_gate) return _timers.Count(t => t.Due is not null); }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Time passes: both clocks move, due timers fire.</summary>
    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (_gate)
        {
            _monotonic += by;
            due = [.. _timers.Where(t => t.Due is { } d && d <= _monotonic)];
            foreach (var t in due) t.Due = t.Period > TimeSpan.Zero ? _monotonic + t.Period : null;
        }
        foreach (var t in due) t.Fire();
    }

    /// <summary>The wall clock is set: it jumps by <paramref name="by"/>; timers do not move.</summary>
    public void Step(TimeSpan by)
    {
        lock (_gate) _step += by;
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        /// <summary>When it fires next, on the monotonic clock.</summary>
        public TimeSpan? Due;
        public TimeSpan Period;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                if (!owner._timers.Contains(this)) owner._timers.Add(this);
                Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : owner._monotonic + dueTime;
                if (Due is { } d && d <= owner._monotonic)
                {
                    Due = Period > TimeSpan.Zero ? owner._monotonic + Period : null;
                    ThreadPool.QueueUserWorkItem(_ => callback(state));
                }
            }
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner._gate) owner._timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
