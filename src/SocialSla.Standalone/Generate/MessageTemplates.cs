namespace SocialSla.Standalone.Generate;

/// <summary>The templated texts of customers and brands.</summary>
/// <remarks>
/// Texts contain commas, double quotes, the occasional newline, non-ASCII punctuation and emoji, and masked
/// <c>[email]</c>/<c>[phone]</c> tokens as in the TWCS data, so CSV quoting and JSON escaping are exercised.
/// </remarks>
internal static class MessageTemplates
{
    /// <summary>Opening messages, by <see cref="MessageKind"/>.</summary>
    public static readonly MessageTemplate[][] Openings =
    [
        Parse(
            "{B}how do I change {T}? Can't find it anywhere in {S}",
            "{B}quick question: can I still update {T} after it's confirmed?",
            "{B}hi, is there a way to get a receipt for {T}? Thanks",
            "{B}are you open on {DAY}, or is it just {S}?",
            "{B}does {S} work abroad? Travelling to {CITY} next week"),
        Parse(
            "{B}{T} still hasn't arrived, {R}. Not impressed, honestly",
            "{B}been on hold for {N} minutes. Is this what you call \"customer service\"?",
            "{B}I've asked three times about {T}, nobody gets back to me",
            "{B}{S} logged me out again and now it says \"account locked\"",
            "{B}why does {S} keep crashing? Tried reinstalling, same thing",
            "{B}worst experience ever with {T}… {N} days and still nothing"),
        Parse(
            "{B}is {S} down? Nothing loads here in {CITY}",
            "{B}{S} has been down for {N} hours in {CITY}, any ETA?",
            "{B}getting \"error {E}\" on {S}, is it just me?",
            "{B}{S} not working in {CITY} since this morning. Status page says all good, it isn't"),
        Parse(
            "{B}still waiting on the refund for {T}, {R}. It's been {N} days",
            "{B}you charged me twice for {T}, can I get my money back, please?",
            "{B}where is my refund? {R}, requested on {DAY}"),
        Parse(
            "{B}URGENT: {T} is wrong and I need it sorted today, please help!!",
            "{B}someone used my account without permission, please lock it ASAP",
            "{B}please help, {S} failed and I'm stuck in {CITY} with no way to reach you"),
        Parse(
            "{B}three problems:\n1. {T} is late\n2. no confirmation email\n3. nobody answers the phone",
            "{B}hi,\n{S} says \"try again later\" since {DAY}. Any idea?"),
    ];

    /// <summary>The cumulative weights of <see cref="Openings"/>, in <see cref="MessageKind"/> order.</summary>
    public static readonly double[] OpeningWeights = Cumulative(0.32, 0.31, 0.12, 0.16, 0.05, 0.04);

    /// <summary>A customer's follow-up after a brand reply.</summary>
    public static readonly MessageTemplate[] FollowUps = Parse(
        "{B}done that, still not working",
        "{B}I sent the DM with {R}, any news?",
        "{B}tried that already, it says \"error {E}\"",
        "{B}ok, but when will {T} actually be fixed?",
        "{B}that's not what I asked, I need {T} sorted, not a link",
        "{B}sent it over, it's {R}\nthanks for the quick reply",
        "{B}my email is [email], can someone call me on [phone]?");

    /// <summary>A customer chasing an unanswered message.</summary>
    public static readonly MessageTemplate[] Nudges = Parse(
        "{B}hello?? still waiting",
        "{B}anyone there? {N} hours and no reply",
        "{B}bump. Still no answer about {T}");

    /// <summary>A customer closing the conversation.</summary>
    public static readonly MessageTemplate[] Thanks = Parse(
        "{B}thanks, that fixed it!",
        "{B}thank you, appreciated 🙏",
        "{B}cheers, all sorted now",
        "{B}great, thanks for the help, that’s done");

    /// <summary>A brand's first reply.</summary>
    public static readonly MessageTemplate[] BrandFirst = Parse(
        "{C}Hi there, sorry to hear that! Could you DM us your {RL} so we can take a look? {SIG}",
        "{C}We're sorry for the trouble with {S}. Our team is aware of issues in {CITY} and working on a fix. {SIG}",
        "{C}Thanks for reaching out. Please try the steps here: {URL} and let us know if that helps. {SIG}",
        "{C}Hey! Happy to help with {YT}. Can you tell us a bit more, e.g. when it started? {SIG}",
        "{C}Apologies for the delay, we've had a high volume of messages. Please send us a DM and we'll check {YT} for you. {SIG}");

    /// <summary>A brand's second tweet, sent right after its first one to the same message.</summary>
    public static readonly MessageTemplate[] BrandSecond = Parse(
        "{C}Also, if you see \"error {E}\", clearing the app cache usually helps. {SIG}",
        "{C}(2/2) You can also reach us at [phone], 24/7. {SIG}");

    /// <summary>A brand's reply to a follow-up.</summary>
    public static readonly MessageTemplate[] BrandNext = Parse(
        "{C}Thanks for checking. We've escalated this to the team, your reference is {R}. {SIG}",
        "{C}Got it, sorry about that! We've sent you a DM, please check your inbox. {SIG}",
        "{C}Thanks for your patience. It should be fixed now, can you try again? {SIG}",
        "{C}Understood. In that case, please email [email] with your {RL} and we'll sort it out. {SIG}");

    /// <summary>A brand's answer to thanks.</summary>
    public static readonly MessageTemplate[] BrandWelcome = Parse(
        "{C}You're welcome! Have a great day. {SIG}",
        "{C}Glad we could help! {SIG}");

    private static MessageTemplate[] Parse(params string[] texts) => [.. texts.Select(t => new MessageTemplate(t))];

    private static double[] Cumulative(params double[] weights)
    {
        var total = weights.Sum();
        var result = new double[weights.Length];
        var running = 0.0;
        for (var i = 0; i < weights.Length; i++) result[i] = running += weights[i] / total;
        return result;
    }
}
