using Timeline.Domain.Actors;
using Timeline.Domain.Events;
using Timeline.Ingestion.Tests.Support;

namespace Timeline.Ingestion.Tests;

public class negated_planned_and_hypothetical_actions
{
    [Theory]
    [InlineData("Lawmakers on June 9 urged the ministry to ban the Green Future Party.")]
    [InlineData("The court on June 9 did not ban the Green Future Party.")]
    [InlineData("The government said on June 9 it would ban the Green Future Party next year.")]
    [InlineData("The ministry on June 9 denied that it had banned the Green Future Party.")]
    [InlineData("Prosecutors on June 9 filed a petition seeking to ban the Green Future Party.")]
    public void are_not_bans(string body) => Assert.Empty(Extract.Of<PartyBanned>(body));

    [Theory]
    [InlineData("The congress was supposed to bring together 300 delegates in Almaty on June 9.")]
    [InlineData("The party will hold a congress in Almaty on June 19.")]
    [InlineData("The forum planned for June 9 in Almaty was cancelled.")]
    public void are_not_conferences(string body) => Assert.Empty(Extract.Of<ConferenceHeld>(body));

    [Theory]
    [InlineData("The ministry threatened on June 9 to shut down the internet if protests continued.")]
    [InlineData("Officials said on June 9 that the internet would not be cut.")]
    public void are_not_outages(string body) => Assert.Empty(Extract.Of<InternetOutage>(body));

    [Fact]
    public void declining_to_comment_is_not_a_statement() =>
        Assert.Empty(Extract.Of<StatementMade>("Asked about the ruling on June 9, minister Daniyar Ospanov declined to comment."));
}

public class events_that_happened
{
    [Fact]
    public void a_designation_by_a_court_is_a_party_ban_with_its_authority_and_designation()
    {
        var ban = Extract.Of<PartyBanned>("The Supreme Court of Tajikistan designated the IRPT a “terrorist organization” in 2015.").Single();

        Assert.Equal(ActorId.Parse("irpt"), ban.Party);
        Assert.Equal("2015", ban.Occurred.ToEdtf());
        Assert.Equal("TJ", ban.Country.Value);
        Assert.Equal("terrorist organization", ban.Designation);
        Assert.NotNull(ban.BanningAuthority);
        Assert.Equal("1722", ban.Cameo);
    }

    [Fact]
    public void a_conference_abroad_has_its_venue_date_attendance_and_participants()
    {
        var body = "Opposition activists, including IRPT leader Muhiddin Kabiri, attended a conference held in Dortmund, Germany on July 9, 2017. " +
                   "Organisers had hoped for 300 guests, but only 60 people attended the meeting.";

        var conference = Extract.Of<ConferenceHeld>(body).Single();

        Assert.Equal("2017-07-09", conference.Occurred.ToEdtf());
        Assert.Equal("DE", conference.Country.Value);
        Assert.Equal("Dortmund", conference.Place);
        Assert.Equal(60, conference.Attendance);
        Assert.Equal(300, conference.ExpectedAttendance);
        Assert.Contains(ActorId.Parse("muhiddin-kabiri"), conference.Participants);
        Assert.Equal(MeetingFormat.InPerson, conference.Format);
    }

    [Fact]
    public void an_outage_gathers_its_facts_from_the_following_sentences()
    {
        var body = "On the evening of June 8, the internet in Uzbekistan stopped working. " +
                   "According to Kun.uz, there was no mobile or wired internet available across the country for about two hours. " +
                   "Operators did not explain why, referring only to “technical works.”";

        var outage = Extract.Of<InternetOutage>(body).Single();

        Assert.Equal("2021-06-08", outage.Occurred.ToEdtf());
        Assert.Equal("UZ", outage.Country.Value);
        Assert.Equal(OutageExtent.National, outage.Extent);
        Assert.Equal(["mobile", "fixed"], outage.Networks);
        Assert.Equal(TimeSpan.FromHours(2), outage.Duration);
        Assert.Equal("technical works", outage.OfficialExplanation);
        Assert.Equal(ActorId.Parse("kun-uz"), outage.ReportedBy);
        Assert.Equal("1721", outage.Cameo);
    }

    [Fact]
    public void every_event_carries_its_evidence_sentence_and_span()
    {
        var body = "Intro sentence here. The Supreme Court of Tajikistan banned the IRPT in 2015.";

        var ban = Extract.Of<PartyBanned>(body).Single();

        Assert.Equal("The Supreme Court of Tajikistan banned the IRPT in 2015.", ban.Source.Evidence);
        Assert.Equal(ban.Source.Evidence, body.Substring(ban.Source.EvidenceSpan.Start, ban.Source.EvidenceSpan.Length));
        Assert.InRange(ban.Confidence, 0.05, 0.99);
    }
}

public class quote_attribution
{
    [Fact]
    public void quotes_across_sentences_belong_to_one_statement_of_the_speaker()
    {
        // Given a quote, a pronoun continuation and a bare follow-up quote
        var body = "“The split is good for us,” Farrukh Nazarov, spokesman of the Tajik Interior Ministry, said on June 9. " +
                   "He further added that the movement had lost its influence. " +
                   "“Nobody listens to them any more.”";

        // When extracted
        var statement = Extract.Of<StatementMade>(body).Single();

        // Then all of it is one statement by Nazarov
        Assert.Equal(ActorId.Parse("farrukh-nazarov"), statement.Speaker);
        Assert.Equal(["The split is good for us", "Nobody listens to them any more."], statement.Quotes);
        Assert.Equal("2021-06-09", statement.Occurred.ToEdtf());
        Assert.Equal("010", statement.Cameo);
    }

    [Fact]
    public void a_speaker_after_the_verb_is_found_too()
    {
        var statement = Extract.Of<StatementMade>("“We will appeal,” said Irina Volkova, a lawyer, in Moscow on June 9.").Single();

        Assert.Equal(ActorId.Parse("irina-volkova"), statement.Speaker);
    }

    [Fact]
    public void the_same_speaker_on_two_days_makes_two_statements()
    {
        var body = "On June 7, Saifullo Safarov condemned the activists in Dushanbe. On June 9, Safarov said the threat had passed.";

        var statements = Extract.Of<StatementMade>(body);

        Assert.Equal(["2021-06-07", "2021-06-09"], statements.Select(s => s.Occurred.ToEdtf()).Order());
    }
}
