namespace SocialSla.Standalone.Generate;

/// <summary>Generates realistic synthetic social-care traffic for demos and benchmarks (<c>socialsla generate</c>).</summary>
/// <remarks>
/// <para><b>Determinism.</b> Output depends only on (<see cref="GenerateOptions.Messages"/>,
/// <see cref="GenerateOptions.Seed"/>, <see cref="GenerateOptions.Format"/>, <see cref="GenerateOptions.Start"/>):
/// equal options give byte-identical files on every platform (the generator is a built-in xoshiro256**, not
/// <see cref="Random"/>). Brand personalities are fixed; the seed varies everything else.</para>
/// <para><b>Brands.</b> Twenty brands (<c>AcmeAir</c>, <c>ContosoCoffee</c>, …) in eleven sectors, with uneven shares
/// of traffic and a median first reply from about 5 minutes to about 6 hours (as observed, night waits included).
/// Seven answer 24×7; the others only during local staffed hours, so a message that arrives at night waits for the
/// morning shift.</para>
/// <para><b>Arrivals.</b> Conversations start as a Poisson process from <see cref="GenerateOptions.Start"/> at about
/// 19,000 a day, shaped by an hour-of-day profile (UTC, peak around 16:00, trough around 05:00, ratio 5:1) and a
/// day-of-week profile (weekends about 30 % quieter), so 10⁶ messages span about three weeks. About every 2.5 days a
/// brand has a 1–3 hour incident that adds a burst of outage conversations (a volume spike).</para>
/// <para><b>Customers.</b> Numeric ids from about 300000 up; 20 % of conversations come from a recent customer (usually
/// to the same brand). On X (JSONL) customers also get a handle, a log-normal follower count and rarely a badge.</para>
/// <para><b>Conversations</b> (about 2.45 messages each): a customer opens (question, complaint, outage — high
/// priority, refund, urgent — urgent priority, or a multi-line message). 8 % are never answered (30 % of those get a
/// "hello??" nudge). Otherwise the brand replies (5 % as two tweets, both replying to the opening, so
/// <c>response_tweet_id</c> lists two ids); then with probability 18 %, halving each round, the customer follows up
/// and the brand answers again (90 %); at the end 12 % of customers say thanks (low priority, not actionable) and
/// 15 % of those get a "you're welcome".</para>
/// <para><b>Delays.</b> Brand replies are log-normal around the brand's median (σ = 1.0; follow-ups at 0.6× the
/// median) with a 4 % Pareto tail (α = 1.1, from 6 hours) reaching days, capped at 10 days, then pushed to the next
/// staffed hour; customer follow-ups are log-normal around 15 minutes (thanks 8 minutes) with a 2 % Pareto tail.</para>
/// <para><b>Ids and times.</b> Ids are snowflake numbers (<c>ms since the X epoch &lt;&lt; 22 | random bits</c>), unique
/// and strictly increasing with creation time; on Messenger they are written <c>m_…</c>, on Facebook
/// <c>post_comment</c>. TWCS keeps whole seconds and has no receive time, so for <see cref="GenerateFormat.Twcs"/>
/// the mentions carry only what a TWCS row carries (created time truncated to the second and used as receive time,
/// no handle, no priority). In JSONL, receive time is creation plus a log-normal webhook lag around 1.5 s (1 % minutes
/// late).</para>
/// <para><b>Dirt.</b> About 1 % of rows are exact duplicates of a row 1–6 rows earlier. About 2 % of rows are out of
/// order: a message whose first reply (or, on Messenger, the next message of the thread) came within an hour is
/// delivered late, 0–2 rows after that reply, so the reply appears a few rows before its parent; in JSONL its
/// receive time says so.</para>
/// <para><b>Platforms.</b> TWCS is X only. JSONL is 70 % X mentions, 18 % Messenger DMs (channel <c>dm</c>, account the
/// Page id, thread key <c>pageId:psid</c>, no parent ids) and 12 % Facebook comments (channel
/// <c>public_comment</c>, replies to the top-level comment, thread key <c>postId:topLevelCommentId</c>).</para>
/// <para><b>Memory.</b> Output is streamed. Conversations are created whole in start order and their messages wait in
/// a priority queue until no later conversation can precede them, so memory is bounded by the messages pending in the
/// future of the newest conversation start (thousands), not by <see cref="GenerateOptions.Messages"/>.</para>
/// <para>Thread safety: the methods are stateless; each call and each enumeration runs its own generator.</para>
/// </remarks>
public static class TrafficGenerator
{
    /// <summary>The mentions of the output file, exactly <see cref="GenerateOptions.Messages"/> of them, in row order.</summary>
    /// <remarks>Duplicates and late deliveries are included, so ids repeat and some replies precede their parents.
    /// The sequence is lazy; each enumeration starts over and yields the same mentions.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public static IEnumerable<SocialSla.Core.Mentions.Mention> Generate(GenerateOptions options) =>
        TrafficStream.Rows(options).Select(row => row.Mention);

    /// <summary>Writes the file: TWCS CSV with its header row, or JSON Lines.</summary>
    /// <remarks>Writes through <paramref name="writer"/> only; pass a buffered writer (e.g. a <see cref="StreamWriter"/>
    /// with a 64 KiB buffer) for speed. Does not flush or close it.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    public static void Write(TextWriter writer, GenerateOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(options);
        var rows = TrafficStream.Rows(options);
        if (options.Format == GenerateFormat.Twcs) TwcsWriter.Write(writer, rows);
        else JsonlWriter.Write(writer, rows.Select(row => row.Mention));
    }
}
