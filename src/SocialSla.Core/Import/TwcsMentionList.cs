using System.Collections;
using NodaTime;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Import;

/// <summary>The mentions of a TWCS import, kept as compact records and built when read.</summary>
/// <remarks>A million-row export stays a few dozen bytes a row plus its id strings, instead of a million live
/// objects; each read builds a fresh, equal <see cref="Mention"/> (ids, accounts and authors are shared).</remarks>
internal sealed class TwcsMentionList(TwcsMentionList.Record[] records, Instant? receivedAt) : IReadOnlyList<Mention>
{
    /// <summary>One row: everything a TWCS mention carries.</summary>
    internal readonly record struct Record(
        MentionId Id, MentionId? ParentId, PlatformAccountId Account, Author Author, bool FromBrand, string Text, long CreatedTicks);

    public int Count => records.Length;

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
                Id = record.Id,
                Channel = Channel.Mention,
                Account = record.Account,
                ParentId = record.ParentId,
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
