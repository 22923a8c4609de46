using System.Text;
using NodaTime;
using SocialSla.Core.Cases;
using SocialSla.Core.Mentions;
using SocialSla.Core.Pipeline;
using SocialSla.Core.Sla;

namespace SocialSla.Core.Storage.Tables;

/// <summary>The pipeline's state (<see cref="IPipelineState"/>) as Table storage entities, for hosts that keep it in
/// Table storage between invocations (the Functions app).</summary>
/// <remarks>
/// <para>Keys: one partition per platform, <c>pipe|{platform}</c> (a conversation never leaves its platform, so every
/// entity one delivery touches is in one partition and is written in one entity group transaction). Rows:
/// <c>seen|{account}|{external id}|{verb}</c> (property <c>Seen</c>, Edm.Boolean), <c>root|{external id}</c>
/// (<c>Root</c>, Edm.String), <c>conv|{scope}|{key}</c> (<c>Generation</c> Edm.Int32, <c>CurrentCase</c> and
/// <c>MergedInto</c> Edm.String when set), <c>case|{case id}</c> (the <see cref="CaseStateJson"/> text in
/// <c>Json0</c> … <c>Json{n−1}</c>, <c>Chunks</c> Edm.Int32 = n), <c>outbox|{run key}</c> (<see cref="PipelineEffectsJson"/>,
/// chunked the same way).</para>
/// <para>A text longer than one string property (<see cref="TableLimits.MaxStringChars"/>) is split into at most
/// <see cref="MaxChunks"/> chunks; a longer one is refused with <see cref="TableLimitException"/>, as is a key the
/// service would refuse (<see cref="TableKeys.CheckKey"/>).</para>
/// <para>Throughput: one partition takes about 2,000 entities per second, and a delivery writes two to five, so one
/// platform's pipeline tops out near 500 deliveries per second.</para>
/// </remarks>
public static class PipelineTableEntity
{
    /// <summary>The most string chunks one text may take (15 × 64 KiB stays under the 1 MiB entity limit).</summary>
    public const int MaxChunks = 15;

    /// <summary>Property names.</summary>
    public const string SeenProperty = "Seen", RootProperty = "Root", GenerationProperty = "Generation",
        CurrentCaseProperty = "CurrentCase", MergedIntoProperty = "MergedInto", ChunksProperty = "Chunks", ChunkPrefix = "Json";

    /// <summary>The partition of a platform's pipeline state.</summary>
    public static string PartitionKey(Platform platform) => TableKeys.Join("pipe", platform.ToWireName());

    /// <summary>The partition a case's entity lives in: its account's platform (case ids start with the account).</summary>
    /// <exception cref="FormatException">The case id does not start with a platform name.</exception>
    public static Platform PlatformOf(CaseId id)
    {
        var value = id.Value ?? throw new ArgumentException("The case id is the default value.", nameof(id));
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !PlatformNames.TryParse(value.AsSpan(0, colon), out var platform))
            throw new FormatException($"The case id '{value}' does not start with a platform name.");
        return platform;
    }

    /// <summary>The row of a seen delivery.</summary>
    public static string SeenRow(IdempotencyKey key) =>
        Checked(TableKeys.Join("seen", key.Account.ToString(), key.Id.ExternalId, key.Verb.ToString()));

    /// <summary>The row of a message's reply-chain root.</summary>
    public static string RootRow(MentionId message) => Checked(TableKeys.Join("root", message.ExternalId));

    /// <summary>The row of a conversation's record.</summary>
    public static string ConversationRow(ConversationKey key) => Checked(TableKeys.Join("conv", key.Scope, key.Key));

    /// <summary>The row of a live case.</summary>
    public static string CaseRow(CaseId id) => Checked(TableKeys.Join("case", id.Value));

    /// <summary>The row of a run's outbox (<see cref="PipelineEffectsJson"/>).</summary>
    public static string OutboxRow(string runKey) => Checked(TableKeys.Join("outbox", runKey));

    /// <summary>The properties of a seen delivery.</summary>
    public static Dictionary<string, object> SeenProperties() => new(StringComparer.Ordinal) { [SeenProperty] = true };

    /// <summary>The properties of a chain root.</summary>
    public static Dictionary<string, object> RootProperties(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return new(StringComparer.Ordinal) { [RootProperty] = root };
    }

    /// <summary>Reads a chain root back.</summary>
    /// <exception cref="FormatException">The entity has no <c>Root</c> string.</exception>
    public static string ToRoot(IReadOnlyDictionary<string, object?> properties) =>
        properties.TryGetValue(RootProperty, out var root) && root is string text ? text : throw new FormatException($"A root entity has no '{RootProperty}' string.");

    /// <summary>The properties of a conversation record.</summary>
    public static Dictionary<string, object> ConversationProperties(ConversationRecord record)
    {
        var properties = new Dictionary<string, object>(StringComparer.Ordinal) { [GenerationProperty] = record.Generation };
        if (record.CurrentCase is { } current) properties[CurrentCaseProperty] = current.Value;
        if (record.MergedInto is { } merged) properties[MergedIntoProperty] = merged;
        return properties;
    }

    /// <summary>Reads a conversation record back.</summary>
    /// <exception cref="FormatException">A property has the wrong type.</exception>
    public static ConversationRecord ToConversation(IReadOnlyDictionary<string, object?> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var generation = properties.TryGetValue(GenerationProperty, out var g) ? g switch
        {
            int i => i,
            long l => checked((int)l),
            _ => throw new FormatException($"The property '{GenerationProperty}' is not an Edm.Int32."),
        } : 0;
        CaseId? current = properties.TryGetValue(CurrentCaseProperty, out var c) && c is string caseText ? new CaseId(caseText) : null;
        var merged = properties.TryGetValue(MergedIntoProperty, out var m) ? m as string : null;
        return new ConversationRecord(current, generation, merged);
    }

    /// <summary>The properties of a live case.</summary>
    /// <exception cref="TableLimitException">The case's state is too large for one entity.</exception>
    public static Dictionary<string, object> CaseProperties(CaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return ChunkedText(Encoding.UTF8.GetString(CaseStateJson.ToUtf8(state)));
    }

    /// <summary>Reads a live case back, deriving its terms from <paramref name="policy"/>.</summary>
    /// <exception cref="FormatException">The entity is not a stored case.</exception>
    public static CaseState ToCase(IReadOnlyDictionary<string, object?> properties, SlaPolicy policy) =>
        CaseStateJson.Read(Encoding.UTF8.GetBytes(ReadChunkedText(properties)), policy);

    /// <summary>A text as chunk properties (<c>Chunks</c>, <c>Json0</c> …).</summary>
    /// <exception cref="TableLimitException">The text needs more than <see cref="MaxChunks"/> chunks.</exception>
    public static Dictionary<string, object> ChunkedText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var chunks = Math.Max(1, (text.Length + TableLimits.MaxStringChars - 1) / TableLimits.MaxStringChars);
        if (chunks > MaxChunks)
            throw new TableLimitException($"A text of {text.Length} characters needs {chunks} string properties; an entity takes at most {MaxChunks}.");
        var properties = new Dictionary<string, object>(StringComparer.Ordinal) { [ChunksProperty] = chunks };
        for (var i = 0; i < chunks; i++)
        {
            var start = i * TableLimits.MaxStringChars;
            properties[ChunkPrefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture)] =
                text.Substring(start, Math.Min(TableLimits.MaxStringChars, text.Length - start));
        }
        return properties;
    }

    /// <summary>Joins the chunks written by <see cref="ChunkedText"/>.</summary>
    /// <exception cref="FormatException">A chunk is missing or not a string.</exception>
    public static string ReadChunkedText(IReadOnlyDictionary<string, object?> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var chunks = properties.TryGetValue(ChunksProperty, out var n) ? n switch
        {
            int i => i,
            long l => checked((int)l),
            _ => throw new FormatException($"The property '{ChunksProperty}' is not an Edm.Int32."),
        } : throw new FormatException($"The entity has no '{ChunksProperty}' property.");
        if (chunks is < 1 or > MaxChunks) throw new FormatException($"The entity claims {chunks} chunks.");
        var builder = new StringBuilder();
        for (var i = 0; i < chunks; i++)
        {
            var name = ChunkPrefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!properties.TryGetValue(name, out var chunk) || chunk is not string text) throw new FormatException($"The chunk '{name}' is missing.");
            builder.Append(text);
        }
        return builder.ToString();
    }

    /// <summary>The OData filter of every live case row (across partitions): <c>RowKey</c> in [<c>case|</c>, <c>case}</c>).</summary>
    public static string CaseRowsFilter() => "RowKey ge 'case|' and RowKey lt 'case}'";

    /// <summary>The OData filter of the outbox rows (across partitions) last written before <paramref name="before"/>:
    /// effects committed and still not confirmed then, left by a run whose drain failed (a crash, a caller that went
    /// away) and that no redelivery will drain.</summary>
    public static string StaleOutboxFilter(Instant before) =>
        "RowKey ge 'outbox|' and RowKey lt 'outbox}' and Timestamp lt datetime'"
        + NodaTime.Text.InstantPattern.General.Format(before) + "'";

    /// <summary>The platform and run key of an outbox row read back (the inverse of <see cref="PartitionKey"/> and
    /// <see cref="OutboxRow"/>).</summary>
    /// <exception cref="FormatException">The keys are not those of an outbox row.</exception>
    public static (Platform Platform, string RunKey) OutboxOf(string partitionKey, string rowKey)
    {
        var partition = TableKeys.Split(partitionKey);
        var row = TableKeys.Split(rowKey);
        if (partition.Length != 2 || partition[0] != "pipe" || !PlatformNames.TryParse(partition[1], out var platform))
            throw new FormatException($"'{partitionKey}' is not a pipeline partition.");
        if (row.Length != 2 || row[0] != "outbox") throw new FormatException($"'{rowKey}' is not an outbox row.");
        return (platform, row[1]);
    }

    private static string Checked(string rowKey)
    {
        TableKeys.CheckKey(rowKey, "RowKey");
        return rowKey;
    }
}
