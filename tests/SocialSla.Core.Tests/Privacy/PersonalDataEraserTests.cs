using NodaTime;
using SocialSla.Core.Alerts;
using SocialSla.Core.Cases;
using SocialSla.Core.Kpis;
using SocialSla.Core.Mentions;
using SocialSla.Core.Privacy;
using SocialSla.Core.Sla;

namespace SocialSla.Core.Tests.Privacy;

public sealed class PersonalDataEraserTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 11, 22, 10, 0);
    private static readonly PlatformAccountId Contoso = new(Platform.X, "ContosoCoffee");
    private static readonly string[] AliceHandles = ["alice_w", "200334"];

    private static Mention First(string handle, string text) => new()
    {
        Id = new MentionId(Platform.X, "1789"),
        Channel = Channel.Mention,
        Account = Contoso,
        Author = new Author("200334", handle),
        FromBrand = false,
        Text = text,
        CreatedAt = At,
        ReceivedAt = At,
        Url = "https://x.com/" + handle + "/status/1789",
    };

    private static CaseState Case(string handle, string text)
    {
        var state = CaseMachine.Create(new CaseId("x:ContosoCoffee:1789"), First(handle, text), SlaPolicy.Default);
        var step = CaseMachine.Apply(state, CaseEvent.CustomerMessage(At, true, Priority.Normal), SlaPolicy.Default, At + Duration.FromMinutes(40));
        return step.State;
    }

    private static SlaAlert Alert(string? handle, string excerpt) => new()
    {
        Id = new AlertId(new CaseId("x:ContosoCoffee:1789"), new AlertKey(ClockKind.FirstReply, 1, ThresholdLevel.Warning)),
        Kind = AlertKind.Warning,
        Account = Contoso,
        Target = Duration.FromHours(1),
        ThresholdAt = At + Duration.FromMinutes(30),
        DueAt = At + Duration.FromHours(1),
        RaisedAt = At + Duration.FromMinutes(30),
        Elapsed = Duration.FromMinutes(30),
        Priority = Priority.Normal,
        CustomerHandle = handle,
        Link = "https://x.com/alice_w/status/1789",
        Excerpt = excerpt,
    };

    [Fact]
    public void Erase_CaseOfErasedCustomer_DropsHandleLinkAndExcerptKeepsClocksAndKpis()
    {
        var state = Case("alice_w", "@ContosoCoffee my latte was cold");

        var erased = PersonalDataEraser.Erase(state, AliceHandles);

        Assert.Null(erased.CustomerHandle);
        Assert.Null(erased.Link);
        Assert.Equal("", erased.Excerpt);
        // What clocks and KPIs are made of is untouched.
        Assert.Equal(state.Timeline, erased.Timeline);
        Assert.Equal(state.Fired, erased.Fired);
        Assert.Equal(state.Contribution, erased.Contribution);
        Assert.Equal(state.ContributionKey, erased.ContributionKey);
        Assert.Equal(state.Status, erased.Status);
        Assert.Equal(state.NextWakeUp, erased.NextWakeUp);
    }

    [Fact]
    public void Erase_CaseOfCustomerWithoutHandle_MatchesTheAuthorIdItStoresAsHandle()
    {
        var state = Case(null!, "hello") with { CustomerHandle = "200334" };

        Assert.Null(PersonalDataEraser.Erase(state, AliceHandles).CustomerHandle);
    }

    [Fact]
    public void Erase_CaseOfAnotherCustomer_KeepsItsCustomerAndRedactsOnlyTheErasedHandle()
    {
        var state = Case("bob", "@ContosoCoffee same as @Alice_W, cold latte");

        var erased = PersonalDataEraser.Erase(state, AliceHandles);

        Assert.Equal("bob", erased.CustomerHandle);
        Assert.Equal(state.Link, erased.Link);
        Assert.Equal("@ContosoCoffee same as [erased], cold latte", erased.Excerpt);
    }

    [Fact]
    public void Erase_AlertOfErasedCustomer_DropsHandleLinkAndExcerptKeepsTiming()
    {
        var alert = Alert("ALICE_W", "@ContosoCoffee my latte was cold");

        var erased = PersonalDataEraser.Erase(alert, AliceHandles);

        Assert.Null(erased.CustomerHandle);
        Assert.Null(erased.Link);
        Assert.Equal("", erased.Excerpt);
        Assert.Equal(alert with { CustomerHandle = null, Link = null, Excerpt = "" }, erased);
    }

    [Theory]
    [InlineData("@alice_w sorry about that!", "[erased] sorry about that!")]
    [InlineData("thanks alice_w.", "thanks [erased].")]
    [InlineData("cc @Alice_W and @alice_w", "cc [erased] and [erased]")]
    [InlineData("@alice_wonder is someone else", "@alice_wonder is someone else")]
    [InlineData("xalice_w and alice_w2", "xalice_w and alice_w2")]
    [InlineData("your id 200334 is noted", "your id [erased] is noted")]
    [InlineData("", "")]
    public void Redact_WholeWordHandles_AreReplaced(string text, string expected) =>
        Assert.Equal(expected, PersonalDataEraser.Redact(text, AliceHandles));

    [Fact]
    public void Redact_NoHandle_ReturnsSameString()
    {
        const string text = "nothing personal here";
        Assert.Same(text, PersonalDataEraser.Redact(text, AliceHandles));
    }

    [Fact]
    public void Tombstone_CaseQuotingDeletedMessage_DropsExcerptOnly()
    {
        var text = "@ContosoCoffee " + new string('x', 200); // longer than an excerpt: compared as excerpts
        var state = Case("alice_w", text);

        var tombstoned = PersonalDataEraser.Tombstone(state, text);

        Assert.Equal("", tombstoned.Excerpt);
        Assert.Equal("alice_w", tombstoned.CustomerHandle);
        Assert.Same(state, PersonalDataEraser.Tombstone(state, "another message of the case"));
    }

    [Fact]
    public void Tombstone_AlertQuotingDeletedMessage_DropsExcerptOnly()
    {
        var alert = Alert("alice_w", "my latte was cold");

        Assert.Equal("", PersonalDataEraser.Tombstone(alert, "my latte was cold").Excerpt);
        Assert.Equal("alice_w", PersonalDataEraser.Tombstone(alert, "my latte was cold").CustomerHandle);
        Assert.Same(alert, PersonalDataEraser.Tombstone(alert, "something else"));
    }

    [Fact]
    public void Tombstone_MentionArrivingAfterItsDelete_LosesTextAndLinkKeepsTiming()
    {
        var mention = First("alice_w", "my latte was cold");

        var tombstoned = PersonalDataEraser.Tombstone(mention);

        Assert.Equal(mention with { Text = "", Url = null }, tombstoned);
    }

    [Theory]
    [InlineData("x", "200334", true, null)]
    [InlineData("Reddit", "t2_abc", true, null)]
    [InlineData("myspace", "1", false, "platform must be one of")]
    [InlineData(null, "1", false, "platform must be one of")]
    [InlineData("x", "", false, "author must be a non-empty id")]
    [InlineData("x", "  ", false, "author must be a non-empty id")]
    [InlineData("x", "12\n3", false, "control characters")]
    public void TryCreate_Subject_ParsesOrSaysWhy(string? platform, string? author, bool ok, string? reason)
    {
        Assert.Equal(ok, ErasureSubject.TryCreate(platform, author, out var subject, out var error));
        if (ok) Assert.Equal(author, subject.AuthorId);
        else Assert.Contains(reason!, error);
    }

    [Fact]
    public void TryCreate_TooLongAuthorId_IsRefused() =>
        Assert.False(ErasureSubject.TryCreate("x", new string('1', ErasureSubject.MaxAuthorIdLength + 1), out _, out _));
}
