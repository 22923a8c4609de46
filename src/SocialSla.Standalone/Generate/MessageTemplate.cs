using System.Text;

namespace SocialSla.Standalone.Generate;

/// <summary>A message text with placeholders (<c>{B}</c>, <c>{T}</c> …), parsed once and filled many times.</summary>
/// <remarks>
/// Placeholders: <c>{B}</c> the brand mention prefix, <c>{C}</c> the customer mention prefix, <c>{T}</c> thing, <c>{YT}</c> the thing as the brand says it ("your order"),
/// <c>{S}</c> service, <c>{RL}</c> reference label, <c>{R}</c> reference, <c>{N}</c> a small number, <c>{CITY}</c>,
/// <c>{DAY}</c>, <c>{E}</c> an error code, <c>{SIG}</c> the agent's signature, <c>{URL}</c> a help link.
/// </remarks>
internal sealed class MessageTemplate
{
    private readonly (string? Literal, Placeholder Placeholder)[] _parts;

    public MessageTemplate(string text)
    {
        var parts = new List<(string?, Placeholder)>();
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf('{', i);
            if (open < 0) { parts.Add((text[i..], Placeholder.None)); break; }
            if (open > i) parts.Add((text[i..open], Placeholder.None));
            var close = text.IndexOf('}', open);
            var name = text[(open + 1)..close];
            parts.Add((null, name switch
            {
                "B" => Placeholder.BrandMention,
                "C" => Placeholder.CustomerMention,
                "T" => Placeholder.Thing,
                "YT" => Placeholder.YourThing,
                "S" => Placeholder.Service,
                "RL" => Placeholder.ReferenceLabel,
                "R" => Placeholder.Reference,
                "N" => Placeholder.Number,
                "CITY" => Placeholder.City,
                "DAY" => Placeholder.Day,
                "E" => Placeholder.ErrorCode,
                "SIG" => Placeholder.Signature,
                "URL" => Placeholder.Url,
                _ => throw new ArgumentException($"Unknown placeholder {{{name}}}.", nameof(text)),
            }));
            i = close + 1;
        }
        _parts = [.. parts];
    }

    /// <summary>Appends the filled text to <paramref name="builder"/>.</summary>
    public void AppendTo(StringBuilder builder, in TextContext context, TrafficRandom random)
    {
        foreach (var (literal, placeholder) in _parts)
        {
            switch (placeholder)
            {
                case Placeholder.None: builder.Append(literal); break;
                case Placeholder.BrandMention: builder.Append(context.BrandMention); break;
                case Placeholder.CustomerMention: builder.Append(context.CustomerMention); break;
                case Placeholder.Thing: builder.Append(context.Thing); break;
                case Placeholder.YourThing: builder.Append(context.YourThing); break;
                case Placeholder.Service: builder.Append(context.Service); break;
                case Placeholder.ReferenceLabel: builder.Append(context.ReferenceLabel); break;
                case Placeholder.Reference: builder.Append(context.Reference); break;
                case Placeholder.Number: builder.Append(random.Next(2, 49)); break;
                case Placeholder.City: builder.Append(context.City); break;
                case Placeholder.Day: builder.Append(Days[random.Next(Days.Length)]); break;
                case Placeholder.ErrorCode: builder.Append(ErrorCodes[random.Next(ErrorCodes.Length)]); break;
                case Placeholder.Signature: builder.Append(context.Signature); break;
                case Placeholder.Url: builder.Append(context.HelpUrl).Append(random.Next(1000, 99999)); break;
            }
        }
    }

    private static readonly string[] Days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    private static readonly string[] ErrorCodes = ["503", "E-104", "0x80070005", "401", "NW-2-5", "500", "AUTH_FAILED"];

    private enum Placeholder : byte
    {
        None,
        BrandMention,
        CustomerMention,
        Thing,
        YourThing,
        Service,
        ReferenceLabel,
        Reference,
        Number,
        City,
        Day,
        ErrorCode,
        Signature,
        Url,
    }
}
