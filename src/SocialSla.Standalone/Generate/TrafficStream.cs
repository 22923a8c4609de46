namespace SocialSla.Standalone.Generate;

/// <summary>Turns conversations into the output row stream: time order, then late deliveries and duplicates.</summary>
/// <remarks>
/// <para>Conversations are created in start order; their messages wait in a priority queue keyed by snowflake (that
/// is, by creation time) and leave it once no conversation still to be created can start before them. So the queue
/// holds only the pending window (messages written in the future of the newest conversation start), not the file.</para>
/// <para>Rows then pass a small scheduler: a held (late) message is written 0–2 rows after the message that releases
/// it, and a duplicated message is written again 1–6 rows after itself.</para>
/// </remarks>
internal static class TrafficStream
{
    /// <summary>The rows of a run, in output order; a duplicate is the same object yielded twice.</summary>
    public static IEnumerable<GeneratedMessage> Rows(GenerateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Iterate(options);
    }

    private static IEnumerable<GeneratedMessage> Iterate(GenerateOptions options)
    {
        var random = new TrafficRandom(options.Seed);
        var clock = new SnowflakeClock(random);
        var brands = BrandProfile.All;
        var factory = new ConversationFactory(random, clock, options.Format, brands);
        var arrivals = new ArrivalClock(random, brands, options.Start.ToUnixTimeMilliseconds());
        var pending = new PriorityQueue<GeneratedMessage, long>();
        var scheduled = new PriorityQueue<(GeneratedMessage Message, bool IsCopy), (long Row, long Order)>();
        long budget = options.Messages;
        long row = 0;
        long order = 0;
        (long UnixMs, int? IncidentBrand)? next = budget > 0 ? arrivals.Next() : null;

        while (true)
        {
            GeneratedMessage message;
            bool isCopy;
            if (scheduled.TryPeek(out var due, out var at) && at.Row <= row)
            {
                scheduled.Dequeue();
                (message, isCopy) = due;
            }
            else if (pending.TryPeek(out var head, out _) && (next is null || head.UnixMs < next.Value.UnixMs))
            {
                pending.Dequeue();
                clock.Release(head.UnixMs);
                if (head.Held) continue; // written when the message that releases it is written
                (message, isCopy) = (head, false);
            }
            else if (next is { } start)
            {
                var conversation = factory.Create(start.UnixMs, start.IncidentBrand, budget, out var rows);
                foreach (var created in conversation) pending.Enqueue(created, created.Snowflake);
                budget -= rows;
                next = budget > 0 ? arrivals.Next() : null;
                continue;
            }
            else if (scheduled.TryDequeue(out var rest, out _))
            {
                (message, isCopy) = rest;
            }
            else
            {
                yield break;
            }

            row++;
            if (!isCopy)
            {
                if (message.Duplicate) scheduled.Enqueue((message, true), (row + message.DuplicateGap - 1, order++));
                if (message.Releases is { } held) scheduled.Enqueue((held, false), (row + held.ReleaseGap, order++));
            }
            yield return message;
        }
    }
}
