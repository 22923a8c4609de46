namespace SocialSla.Standalone.Tests.Server.Faults;

/// <summary>A fake clock that behaves like a real machine's: timers run on a monotonic clock that only the test moves
/// (<see cref="Advance"/>), while the wall clock (<see cref="GetUtcNow"/>) can also be stepped backwards or forwards
/// without moving any timer (<see cref="Step"/>), as NTP or an operator does to <see cref="TimeProvider.System"/>.</summary>
internal sealed class SteppingTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<Timer> _timers = [];
    private TimeSpan _monotonic;
    private TimeSpan _step;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return start + _monotonic + _step;
    }

    public override long GetTimestamp()
    {
        lock (_gate) return _monotonic.Ticks * TimestampFrequency / TimeSpan.TicksPerSecond;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Time passes: both clocks move, due timers fire.</summary>
    public void Advance(TimeSpan by)
    {
        List<Timer> due;
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

    private sealed class Timer(SteppingTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
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
