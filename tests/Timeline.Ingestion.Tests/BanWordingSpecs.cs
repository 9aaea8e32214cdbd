using Timeline.Domain.Actors;
using Timeline.Domain.Events;
using Timeline.Ingestion.Tests.Support;

namespace Timeline.Ingestion.Tests;

// Other wordings of a ban, and who is not banned. Sentences written for these specs (invented names).
public class a_ban_worded_as_a_legal_act
{
    [Theory]
    [InlineData("The justice ministry of Kyrgyzstan on Wednesday cancelled the legal status of the Erkin Jol Party.", "Erkin Jol Party")]
    [InlineData("The justice ministry of Kyrgyzstan on Wednesday revoked the legal status of the Erkin Jol Party.", "Erkin Jol Party")]
    [InlineData("The Supreme Court of Kyrgyzstan on Wednesday ordered the dissolution of the Erkin Jol Party.", "Erkin Jol Party")]
    [InlineData("The Supreme Court of Kyrgyzstan on Wednesday declared the Erkin Jol Party null and void and banned all activities of the party.", "Erkin Jol Party")]
    public void bans_the_named_party_and_not_the_acting_body(string body, string banned)
    {
        // When extracted
        var ban = Extract.Of<PartyBanned>(body).Single();

        // Then the party is banned on Wednesday, and the ministry or court is not the banned party
        Assert.Equal(banned, ban.Actors.Single(a => a.Role == ActorRole.BannedParty).Name);
        Assert.Equal("2021-06-09", ban.Occurred.ToEdtf());
    }

    [Fact]
    public void classifying_two_groups_as_terrorist_organisations_bans_both_and_not_the_council()
    {
        var body = "The Security Council of Kyrgyzstan on Wednesday classified the Erkin Jol Party and the Kyzyl Tuu Movement as terrorist organisations.";

        var banned = Extract.Of<PartyBanned>(body).SelectMany(b => b.Actors.Where(a => a.Role == ActorRole.BannedParty)).Select(a => a.Name).Order();

        Assert.Equal(["Erkin Jol Party", "Kyzyl Tuu Movement"], banned);
    }

    [Theory]
    [InlineData("The government of Kyrgyzstan on Wednesday banned TikTok, citing national security.")]
    [InlineData("The regulator of Kyrgyzstan on Wednesday banned the messaging app Telegram.")]
    public void a_ban_of_an_app_or_platform_is_not_a_party_ban(string body) => Assert.Empty(Extract.Of<PartyBanned>(body));
}
