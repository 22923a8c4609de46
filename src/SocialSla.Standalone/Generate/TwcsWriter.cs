using NodaTime;

namespace SocialSla.Standalone.Generate;

/// <summary>Writes rows as TWCS CSV (RFC 4180: CRLF row ends, fields quoted when they hold a comma, quote or line break).</summary>
internal static class TwcsWriter
{
    /// <summary>The TWCS header row.</summary>
    public const string Header = "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id";

    private static readonly string[] DayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    private static readonly string[] MonthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    public static void Write(TextWriter writer, IEnumerable<GeneratedMessage> rows)
    {
        writer.Write(Header);
        writer.Write("\r\n");
        var dateCache = new DateCache();
        Span<char> time = stackalloc char[8];
        foreach (var row in rows)
        {
            var mention = row.Mention;
            writer.Write(mention.Id.ExternalId);
            writer.Write(',');
            WriteField(writer, mention.Author.Id);
            writer.Write(mention.FromBrand ? ",False," : ",True,");
            var seconds = mention.CreatedAt.ToUnixTimeSeconds();
            var (prefix, suffix) = dateCache.For(seconds);
            var secondOfDay = (int)(seconds % 86_400); // seconds are positive: Start is after 2010
            Two(time, 0, secondOfDay / 3600);
            time[2] = ':';
            Two(time, 3, secondOfDay / 60 % 60);
            time[5] = ':';
            Two(time, 6, secondOfDay % 60);
            writer.Write(prefix);
            writer.Write(time);
            writer.Write(suffix);
            writer.Write(',');
            WriteField(writer, mention.Text);
            writer.Write(',');
            if (row.Children is { Count: > 0 } children)
            {
                if (children.Count > 1) writer.Write('"');
                for (var i = 0; i < children.Count; i++)
                {
                    if (i > 0) writer.Write(',');
                    writer.Write(children[i].Mention.Id.ExternalId);
                }
                if (children.Count > 1) writer.Write('"');
            }
            writer.Write(',');
            if (mention.ParentId is { } parent) writer.Write(parent.ExternalId);
            writer.Write("\r\n");
        }
    }

    private static void Two(Span<char> buffer, int at, int value)
    {
        buffer[at] = (char)('0' + value / 10);
        buffer[at + 1] = (char)('0' + value % 10);
    }

    private static void WriteField(TextWriter writer, string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(value);
            return;
        }
        writer.Write('"');
        var span = value.AsSpan();
        int quote;
        while ((quote = span.IndexOf('"')) >= 0)
        {
            writer.Write(span[..(quote + 1)]);
            writer.Write('"');
            span = span[(quote + 1)..];
        }
        writer.Write(span);
        writer.Write('"');
    }

    /// <summary>Caches the "Wed May 02 " and " +0000 2018" parts of the current day.</summary>
    private sealed class DateCache
    {
        private long _day = long.MinValue;
        private string _prefix = "";
        private string _suffix = "";

        public (string Prefix, string Suffix) For(long unixSeconds)
        {
            var day = unixSeconds / 86_400;
            if (day != _day)
            {
                var date = Instant.FromUnixTimeSeconds(day * 86_400).InUtc().Date;
                _prefix = $"{DayNames[(int)date.DayOfWeek - 1]} {MonthNames[date.Month - 1]} {date.Day:00} ";
                _suffix = $" +0000 {date.Year:0000}";
                _day = day;
            }
            return (_prefix, _suffix);
        }
    }
}
