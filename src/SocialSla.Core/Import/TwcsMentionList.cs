using System.Collections;
using NodaTime;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Import;

/// <summary>The mentions of a TWCS import, kept as compact records and built when read.</summary>
/// <remarks>A million-row export stays about forty bytes a row plus its id strings, instead of a million live
/// objects; each read builds a fresh, equal <see cref="Mention"/> (ids, accounts and authors are shared).</remarks>
internal sealed class TwcsMentionList(
    TwcsMentionList.Record[] records, MentionId[] nodeIds, PlatformAccountId[] accounts, Instant? receivedAt) : IReadOnlyList<Mention>
{
    /// <summary>One row. <see cref="Node"/> and <see cref="ParentNode"/> number tweet ids (−1: no parent); equal
    /// numbers are equal ids.</summary>
    internal readonly record struct Record(
        int Node, int ParentNode, int Account, Author Author, bool FromBrand, string Text, long CreatedTicks);

    public int Count => records.Length;

    /// <summary>How many distinct tweet ids the rows and their parents name.</summary>
    internal int NodeCount => nodeIds.Length;

    /// <summary>The compact record of a row, for readers that need a few fields of every row.</summary>
    internal ref readonly Record RecordAt(int index) => ref records[index];

    public Mention this[int index]
    {
        get
        {
            ref readonly var record = ref records[index];
            var createdAt = Instant.FromUnixTimeTicks(record.CreatedTicks);
            return new Mention
            {
                Id = nodeIds[record.Node],
                Channel = Channel.Mention,
                Account = accounts[record.Account],
                ParentId = record.ParentNode >= 0 ? nodeIds[record.ParentNode] : null,
                Author = record.Author,
                FromBrand = record.FromBrand,
                Text = record.Text,
                CreatedAt = createdAt,
                ReceivedAt = receivedAt ?? createdAt,
            };
        }
    }

    public IEnumerator<Mention> GetEnumerator()
    {
        for (var i = 0; i < records.Length; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
