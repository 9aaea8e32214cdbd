using Timeline.Domain.Actors;
using Timeline.Domain.Events;
using Timeline.Ingestion.Tests.Support;

namespace Timeline.Ingestion.Tests;

// Each rule is specified with sentences written for these specs (invented names, other countries than the dev set), so
// that the rule is tested as a rule and not as a memory of one dev-set sentence. Publication date: Thursday 2021-06-10.

public class a_ban_participle_used_as_an_adjective
{
    [Theory]
    [InlineData("Members of the banned Green Future Party met supporters in Almaty on Wednesday.")]
    [InlineData("The regulator on Wednesday published a list of banned organisations.")]
    [InlineData("Kazakhstan's outlawed Green Future Party called for a boycott on Wednesday.")]
    public void reports_no_ban(string body) => Assert.Empty(Extract.Of<PartyBanned>(body));

    [Fact]
    public void a_ban_named_as_a_reference_point_is_not_a_new_ban()
    {
        var bans = Extract.Of<PartyBanned>("The Free Youth Foundation held its first rally since the ban in Bishkek on Saturday.");

        Assert.Empty(bans);
    }

    [Fact]
    public void a_reduced_relative_dates_the_ban_by_its_own_since_and_not_by_the_main_verb()
    {
        // Given a participle clause set off by commas, and a main verb with another date
        var body = "The Free Youth Foundation, banned in Kyrgyzstan as extremist since March, held an online congress on Saturday.";

        // When extracted
        var ban = Extract.Of<PartyBanned>(body).Single();
        var congress = Extract.Of<ConferenceHeld>(body).Single();

        // Then the ban began in March, and the congress took place on Saturday
        Assert.Equal("2021-03", ban.Occurred.ToEdtf());
        Assert.Equal("2021-06-05", congress.Occurred.ToEdtf());
    }
}

public class several_groups_banned_in_one_sentence
{
    [Fact]
    public void a_colon_list_of_unknown_names_bans_each_of_them()
    {
        var bans = Extract.Of<PartyBanned>("The Supreme Court of Kyrgyzstan on Wednesday banned three groups: Ak Zhol Jastar, Kyzyl Tuu and Erkin El.");

        Assert.Equal(["Ak Zhol Jastar", "Erkin El", "Kyzyl Tuu"], bans.Select(b => b.Actors.Single(a => a.Role == ActorRole.BannedParty).Name).Order());
        Assert.All(bans, b => Assert.Equal("2021-06-09", b.Occurred.ToEdtf()));
    }

    [Fact]
    public void a_name_in_apposition_to_the_object_is_banned_too()
    {
        var body = "The government of Kyrgyzstan on Wednesday banned the largest opposition party, Birimdik Jolu, and its youth wing, Jash Kuch, accusing them of organising riots.";

        var names = Extract.Of<PartyBanned>(body).Select(b => b.Actors.Single(a => a.Role == ActorRole.BannedParty).Name).Order();

        Assert.Equal(["Birimdik Jolu", "Jash Kuch"], names);
    }

    [Fact]
    public void a_name_before_a_common_noun_only_modifies_it()
    {
        var bans = Extract.Of<PartyBanned>("A court in Bishkek on Wednesday declared the Telegram channel Ak Kabar and its logo extremist.");

        Assert.DoesNotContain(bans, b => b.Actors.Any(a => a.Name == "Telegram"));
    }

    [Fact]
    public void a_blocked_web_service_is_not_a_banned_party()
    {
        Assert.Empty(Extract.Of<PartyBanned>("The regulator of Kyrgyzstan banned Telegram on Wednesday, citing security."));
    }
}

public class a_ban_the_state_reports_in_other_words
{
    [Fact]
    public void the_law_a_ban_rests_on_is_its_legal_act()
    {
        var ban = Extract.Of<PartyBanned>("The Interior Ministry of Kyrgyzstan on Wednesday banned the Green Future Party under Section 7 of the Public Order Act, 2012.").Single();

        Assert.Equal("Public Order Act, 2012", ban.LegalAct);
    }
}

public class bans_across_sentences
{
    [Fact]
    public void the_same_ruling_continued_in_the_next_sentence_keeps_its_date()
    {
        var body = "A court in Bishkek on Wednesday dissolved the Green Future Party. The court also ordered the liquidation of the Free Youth Foundation, its sister organisation.";

        var bans = Extract.Of<PartyBanned>(body);

        Assert.Equal(2, bans.Count);
        Assert.All(bans, b => Assert.Equal("2021-06-09", b.Occurred.ToEdtf()));
    }

    [Fact]
    public void a_state_told_afterwards_does_not_take_the_date_of_the_ruling()
    {
        var body = "A court in Bishkek on Wednesday dissolved the Green Future Party. It had already been banned in Kazakhstan.";

        var ban = Extract.Of<PartyBanned>(body).Single();

        Assert.Equal("KG", ban.Country.Value);
    }

    [Fact]
    public void a_date_after_a_semicolon_belongs_to_its_own_clause()
    {
        var body = "The government of Kyrgyzstan has designated the Green Future Party an extremist group; the Free Youth Foundation was banned by the Supreme Court in 2014.";

        var bans = Extract.Of<PartyBanned>(body);

        var ban = Assert.Single(bans);
        Assert.Equal("Free Youth Foundation", ban.Actors.Single(a => a.Role == ActorRole.BannedParty).Name);
        Assert.Equal("2014", ban.Occurred.ToEdtf());
    }

    [Fact]
    public void a_relative_clause_that_designates_it_is_a_dated_ban_by_that_state()
    {
        var body = "The Free Youth Foundation says it is a charity. It is also banned in Uzbekistan, which designated it an extremist organisation in 2019.";

        var ban = Extract.Of<PartyBanned>(body).Single();

        Assert.Equal("Free Youth Foundation", ban.Actors.Single(a => a.Role == ActorRole.BannedParty).Name);
        Assert.Equal("UZ", ban.Country.Value);
        Assert.Equal("2019", ban.Occurred.ToEdtf());
    }

    [Fact]
    public void a_place_inside_a_name_gives_its_country_and_a_known_name_inside_it_does_not()
    {
        var body = "Opposition figures in Kyrgyzstan say little has changed. The Ak Zhol Democratic Party, which was banned in 1999, still works only from exile.";

        var ban = Extract.Of<PartyBanned>(body).Single();

        Assert.Equal("KG", ban.Country.Value);
        Assert.Equal("1999", ban.Occurred.ToEdtf());
    }
}

public class outages_told_with_since
{
    [Fact]
    public void an_outage_in_its_third_day_began_on_its_since_date()
    {
        var body = "Mobile internet in the Ferghana valley of Uzbekistan entered its third day of a blackout on Thursday, with all networks switched off since late on Monday, June 7.";

        var outage = Extract.Of<InternetOutage>(body).Single();

        Assert.Equal("2021-06-07", outage.Occurred.ToEdtf());
    }

    [Fact]
    public void a_since_date_of_another_clause_does_not_date_the_outage()
    {
        var body = "Operators cut mobile internet in Osh on Wednesday, according to a monitoring group that has tracked censorship since 2015.";

        Assert.Equal("2021-06-09", Extract.Of<InternetOutage>(body).Single().Occurred.ToEdtf());
    }

    [Fact]
    public void a_news_site_inaccessible_since_monday_is_an_outage_from_monday()
    {
        var outage = Extract.Of<InternetOutage>("The news outlet Kloop said its website had been inaccessible inside Kyrgyzstan since Monday.").Single();

        Assert.Equal("2021-06-07", outage.Occurred.ToEdtf());
        Assert.Equal("KG", outage.Country.Value);
    }
}

public class outages_in_other_words
{
    [Fact]
    public void a_month_opening_the_sentence_dates_it()
    {
        var outage = Extract.Of<InternetOutage>("In March the regulator slowed down Twitter across Kyrgyzstan.").Single();

        Assert.Equal("2021-03", outage.Occurred.ToEdtf());
    }

    [Fact]
    public void an_ordered_suspension_of_named_services_is_an_outage()
    {
        var outage = Extract.Of<InternetOutage>("On Wednesday the telecom regulator ordered the suspension of Facebook and YouTube across Kyrgyzstan.").Single();

        Assert.Equal("2021-06-09", outage.Occurred.ToEdtf());
        Assert.Equal("KG", outage.Country.Value);
    }

    [Fact]
    public void where_a_speaker_lives_is_not_where_the_internet_went_down()
    {
        var body = "Users across Kazakhstan could not reach Instagram on Wednesday. Its founder, who lives in Spain, said on Wednesday that the outage showed fear.";

        var outages = Extract.Of<InternetOutage>(body);

        Assert.NotEmpty(outages);
        Assert.All(outages, o => Assert.Equal("KZ", o.Country.Value));
    }
}

public class meetings_and_who_held_them
{
    [Fact]
    public void a_month_opening_the_sentence_dates_a_congress()
    {
        var congress = Extract.Of<ConferenceHeld>("In January the party held a congress in Osh attended by 500 delegates.").Single();

        Assert.Equal("2021-01", congress.Occurred.ToEdtf());
        Assert.Equal("KG", congress.Country.Value);
    }

    [Fact]
    public void the_organisation_that_names_a_meeting_organised_it()
    {
        var meeting = Extract.Of<ConferenceHeld>("The OSCE human rights conference opened in Vienna on Monday.").Single();

        Assert.Equal(ActorId.Parse("osce"), meeting.Organizer);
    }

    [Fact]
    public void another_sentence_naming_the_only_meeting_gives_its_organiser()
    {
        var body = "The summit, which opened on Tuesday in Vilnius, ran late into the night. The NATO summit ended with a joint declaration.";

        var meeting = Extract.Of<ConferenceHeld>(body).Single();

        Assert.Equal(ActorId.Parse("nato"), meeting.Organizer);
        Assert.Equal("LT", meeting.Country.Value);
    }

    [Fact]
    public void a_meeting_in_a_capital_named_by_its_demonym_is_in_that_country()
    {
        var meeting = Extract.Of<ConferenceHeld>("The forum of exiled journalists opened in the Kyrgyz capital on Monday.").Single();

        Assert.Equal("KG", meeting.Country.Value);
    }

    [Fact]
    public void a_venue_that_hosted_the_congress_of_a_named_group()
    {
        var body = "The old cinema in Kadikoy, a district of Istanbul, usually shows films. On Sunday it hosted the founding congress of a new Kazakh party, Erkin Dala.";

        var congress = Extract.Of<ConferenceHeld>(body).Single();

        Assert.Equal("TR", congress.Country.Value);
        Assert.Contains(congress.Actors, a => a.Name == "Erkin Dala" && a.Role is ActorRole.Organizer or ActorRole.Host);
    }

    [Fact]
    public void a_guest_of_an_event_hosted_by_someone_else_is_not_its_host()
    {
        var meeting = Extract.Of<ConferenceHeld>("Muhiddin Kabiri spoke at an online event hosted by a university in Washington on Monday.").Single();

        Assert.DoesNotContain(meeting.Actors, a => a.Role == ActorRole.Host);
    }
}

public class speakers_named_in_other_ways
{
    [Fact]
    public void a_surname_after_the_full_name_is_the_same_speaker_and_a_panelist_speaks_on_the_panel_day()
    {
        var body = "On Monday the Bishkek Policy Institute hosted an online panel with Timur Osmonov, an exiled blogger. “Reforms are real but they are small,” Osmonov replied.";

        var statement = Extract.Of<StatementMade>(body).Single();

        Assert.Equal(ActorId.Parse("timur-osmonov"), statement.Speaker);
        Assert.Equal("2021-06-07", statement.Occurred.ToEdtf());
    }

    [Fact]
    public void the_ministry_that_said_it_is_the_ministry_named_before_with_its_whole_portfolio()
    {
        var body = "The Ministry of Culture, Information and Tourism opened a museum in Bishkek on Wednesday. “Culture belongs to everyone,” the ministry said.";

        var statement = Extract.Of<StatementMade>(body).Single();

        Assert.Equal("Ministry of Culture, Information and Tourism", statement.Actors.Single(a => a.Role == ActorRole.Speaker).Name);
    }

    [Fact]
    public void a_party_with_its_acronym_before_an_apposition_is_the_speaker()
    {
        var statement = Extract.Of<StatementMade>("The Social Democratic Union (SDU), the largest opposition party in Kyrgyzstan, said on Wednesday that the vote was rigged.").Single();

        Assert.Equal("Social Democratic Union", statement.Actors.Single(a => a.Role == ActorRole.Speaker).Name);
    }

    [Fact]
    public void a_surname_that_is_also_a_title_word_is_still_a_name()
    {
        var body = "Former prime minister Aigul Mufti was placed under house arrest on Sunday. Late on Sunday, Mufti wrote on Twitter that it was a dark day.";

        var statement = Extract.Of<StatementMade>(body).Single();

        Assert.Equal(ActorId.Parse("aigul-mufti"), statement.Speaker);
        Assert.Equal("2021-06-06", statement.Occurred.ToEdtf());
    }

    [Fact]
    public void one_name_after_an_opening_phrase_is_the_speaker()
    {
        var statement = Extract.Of<StatementMade>("Politics in Kyrgyzstan is tense. Opening the meeting on Monday, Sadyrov said that the party would contest the election.").Single();

        Assert.Equal("Sadyrov", statement.Actors.Single(a => a.Role == ActorRole.Speaker).Name);
        Assert.Equal("2021-06-07", statement.Occurred.ToEdtf());
    }

    [Fact]
    public void telling_the_congress_is_speaking_on_the_congress_day()
    {
        var body = "The Ata Meken party held its congress in Osh on Sunday. Its chairman, Bakyt Orozov, told the congress that the party would grow.";

        var statement = Extract.Of<StatementMade>(body).Single();

        Assert.Equal("2021-06-06", statement.Occurred.ToEdtf());
    }
}

public class a_meeting_named_in_other_ways
{
    [Theory]
    [InlineData("The Steppe Dialogue Forum, Asia's largest media conference, opened in Almaty on Monday.", "Steppe Dialogue Forum")]
    [InlineData("The Great Lakes Civic Assembly, Africa's biggest gathering of rights groups, opened in Kigali on Monday.", "Great Lakes Civic Assembly")]
    [InlineData("Africa's largest press freedom meeting, the Dakar Media Forum, opened in Dakar on Monday.", "Dakar Media Forum")]
    public void a_capitalized_meeting_name_in_apposition_names_it(string body, string name)
    {
        // Given a named meeting set beside a description that holds a bare meeting noun
        // When extracted
        var meeting = Extract.Of<ConferenceHeld>(body).Single();

        // Then the meeting takes the proper name, not the bare noun
        Assert.Equal(name, meeting.Name);
    }

    [Theory]
    [InlineData("The \"Free Steppe\" forum, held on Saturday in Almaty, drew about 300 delegates.", "Free Steppe forum")]
    [InlineData("The “Open Kyrgyzstan” congress took place in Bishkek on Saturday.", "Open Kyrgyzstan congress")]
    [InlineData("Exiled journalists held a conference called \"Voices Abroad\" in Vilnius on Saturday.", "Voices Abroad")]
    public void a_name_in_quotes_next_to_the_meeting_noun_names_it(string body, string name)
    {
        var meeting = Extract.Of<ConferenceHeld>(body).Single();

        Assert.Equal(name, meeting.Name);
    }

    [Theory]
    [InlineData("The \"Free Steppe\" forum, held on Saturday in Almaty to mark ten years since the Zhanaozen shooting, drew about 300 delegates.", "to mark ten years since the Zhanaozen shooting")]
    [InlineData("Rights groups held a conference in Bishkek on Saturday to discuss the new media law, and about 200 people attended.", "to discuss the new media law")]
    public void the_purpose_ends_with_its_clause(string body, string purpose)
    {
        // Given a purpose clause followed by another clause of the same sentence
        var meeting = Extract.Of<ConferenceHeld>(body).Single();

        // Then the purpose is the clause alone
        Assert.Equal(purpose, meeting.Purpose);
    }
}

public class the_subject_of_held_is_the_organiser
{
    [Theory]
    [InlineData("The Free Youth Foundation (FYF), banned in Kyrgyzstan as \"extremist\" since March, held an online forum for its supporters on Saturday.", "Free Youth Foundation")]
    [InlineData("The Open Media Association, which lost its registration last year, hosted a two-day conference in Nairobi on Saturday.", "Open Media Association")]
    public void past_an_acronym_and_an_apposition(string body, string organiser)
    {
        // Given an organisation as the subject of "held"/"hosted", its apposition between it and the verb
        var meeting = Extract.Of<ConferenceHeld>(body).Single();

        // Then it organised (or hosted) the meeting and is not a mere participant
        var actor = meeting.Actors.Single(a => a.Name == organiser);
        Assert.True(actor.Role is ActorRole.Organizer or ActorRole.Host, $"role was {actor.Role}");
    }
}

public class a_government_body_named_with_its_country
{
    [Theory]
    [InlineData("Kyrgyzstan's Supreme Court on Wednesday banned the Erkin El movement. The Supreme Court said the movement had called for riots.", "supreme-court-kg")]
    [InlineData("The Kyrgyz Supreme Court on Wednesday banned the Erkin El movement. The Supreme Court said the movement had called for riots.", "supreme-court-kg")]
    [InlineData("Kazakhstan's Supreme Court on Wednesday banned the Erkin El movement. The Supreme Court said the movement had called for riots.", "supreme-court-kz")]
    public void is_the_same_body_as_its_plain_name(string body, string id)
    {
        // Given a body first named with a possessive or demonym country prefix, then plainly
        var events = Extract.From(body);

        // Then both mentions are one actor, with one id that carries the prefix's country
        var courts = events.SelectMany(e => e.Actors).Where(a => a.Name.Contains("Supreme Court")).Select(a => (a.Id, a.Name)).Distinct().ToList();
        Assert.Equal([(ActorId.Parse(id), "Supreme Court")], courts);
    }

    [Fact]
    public void two_articles_about_two_countries_courts_give_two_actors()
    {
        // Given two articles that each name only "the Supreme Court", one about Uzbekistan and one about Armenia
        var uzbek = Extract.Of<PartyBanned>("TASHKENT, May 3, 2021 — The Supreme Court of Uzbekistan on Monday banned the Erk Democratic Party. The Supreme Court said the party had broken the law on parties in Uzbekistan.", new DateOnly(2021, 5, 4));
        var armenian = Extract.Of<PartyBanned>("YEREVAN, June 9, 2021 — Armenia's Supreme Court on Tuesday banned the Sasna Tsrer movement in Yerevan. The Supreme Court said the movement was armed.", new DateOnly(2021, 6, 10));

        // Then the banning authorities are two actors, each with its country in its id
        var authorities = uzbek.Concat(armenian).Select(b => b.BanningAuthority?.Value).Distinct().Order().ToList();
        Assert.Equal(2, authorities.Count);
        Assert.DoesNotContain("supreme-court", authorities);
        Assert.Contains("supreme-court-am", authorities);
    }

    [Fact]
    public void the_same_countrys_court_named_two_ways_in_two_articles_is_one_actor()
    {
        // Given one article that says "Kyrgyzstan's Supreme Court" and another that says "the Supreme Court" of a Kyrgyz story
        var first = Extract.Of<PartyBanned>("Kyrgyzstan's Supreme Court on Wednesday banned the Erkin El movement.", new DateOnly(2023, 3, 2));
        var second = Extract.Of<PartyBanned>("BISHKEK (Wire) — The Supreme Court on Wednesday banned the Erkin El movement, a ruling lawyers in Kyrgyzstan called harsh.", new DateOnly(2023, 3, 2));

        // Then both name the same banning authority
        Assert.Equal(ActorId.Parse("supreme-court-kg"), first.Single().BanningAuthority);
        Assert.Equal(ActorId.Parse("supreme-court-kg"), second.Single().BanningAuthority);
    }

    [Fact]
    public void a_foreign_court_keeps_its_own_country()
    {
        // Given a Kazakh article that names the Supreme Court plainly first, and Russia's Supreme Court later
        var body = "The Kazakh government on Wednesday banned the Erkin El movement in Almaty, the second ban in Kazakhstan this year. "
                   + "In Moscow, the Supreme Court had banned the movement in 2019. Russia's Supreme Court cited the same law, the ministry said.";

        // When the article's names are resolved
        var names = Timeline.Ingestion.Actors.ActorResolver.Default.Resolve(Timeline.Ingestion.Text.SentenceSplitter.Default.Split(body));

        // Then the plain "Supreme Court" is the one the possessive places in Russia, not the article's main country
        var court = names.All.Single(a => a.Name == "Supreme Court");
        Assert.Equal("RU", court.Country?.Value);
    }

    [Fact]
    public void two_countries_courts_stay_two_bodies()
    {
        // Given an article that names the Supreme Courts of two countries
        var body = "Kyrgyzstan's Supreme Court on Wednesday banned the Erkin El movement. Kazakhstan's Supreme Court banned it in 2019, the ministry said.";

        // When the article's names are resolved
        var names = Timeline.Ingestion.Actors.ActorResolver.Default.Resolve(Timeline.Ingestion.Text.SentenceSplitter.Default.Split(body));

        // Then each court is its own actor with its own country
        var courts = names.All.Where(a => a.Name.EndsWith("Supreme Court")).Select(a => a.Country?.Value).Order().ToList();
        Assert.Equal(["KG", "KZ"], courts);
    }
}

public class when_a_statement_gives_no_day_of_its_own
{
    [Fact]
    public void the_sentence_before_about_the_same_speaker_gives_the_occasion_day()
    {
        var body = "Former senator Nurlan Abdraimov addressed a rally in Osh by video on Monday. “We will be back,” he said.";

        var statement = Extract.Of<StatementMade>(body).Single();

        Assert.Equal("2021-06-07", statement.Occurred.ToEdtf());
    }

    [Fact]
    public void the_sentence_before_naming_the_one_congress_gives_the_congress_day()
    {
        // Given two meetings in the article, and a statement whose sentence names neither
        var body = "The Ata Meken party held a congress in Osh on Sunday. A week earlier, mayors met in Naryn for a summit on water on May 30. "
                   + "The congress was chaired by Bakyt Orozov. “We are stronger than ever,” Orozov told the delegates as the session opened.";

        // When extracted
        var statement = Extract.Of<StatementMade>(body).Single();

        // Then the statement was made at the congress, on its day
        Assert.Equal("2021-06-06", statement.Occurred.ToEdtf());
    }

    [Fact]
    public void a_new_paragraph_is_a_new_report_on_the_publication_day_and_not_the_last_speakers_day()
    {
        var body = "Late on Sunday, Aigul Mufti wrote on Twitter that it was a dark day.\n\nTimur Osmonov, a lawyer in Bishkek, said the order could be challenged in court.";

        var statements = Extract.Of<StatementMade>(body);

        Assert.Equal("2021-06-10", statements.Single(s => s.Speaker == ActorId.Parse("timur-osmonov")).Occurred.ToEdtf());
    }

    [Fact]
    public void for_his_part_answers_the_speaker_before_on_the_same_occasion_even_in_a_new_paragraph()
    {
        var body = "Aigul Mufti, the head of the Bishkek Policy Institute, said on Monday that the opposition had split.\n\n"
                   + "Its deputy head, Timur Osmonov, for his part, noted that the party had grown weaker.";

        var statements = Extract.Of<StatementMade>(body);

        Assert.Equal("2021-06-07", statements.Single(s => s.Speaker == ActorId.Parse("timur-osmonov")).Occurred.ToEdtf());
    }
}

public class a_body_that_acts_on_a_meeting
{
    [Fact]
    public void condemning_the_conference_does_not_make_it_the_organiser()
    {
        var body = "Opposition groups held a conference in Almaty on Monday. In Bishkek, the Kyrgyz foreign ministry condemned the conference.";

        var conference = Extract.Of<ConferenceHeld>(body).Single();

        Assert.DoesNotContain(conference.Actors, a => a.Name.Contains("ministry", StringComparison.OrdinalIgnoreCase));
    }
}

public class a_pronoun_that_says_something
{
    [Fact]
    public void continues_the_person_the_sentence_before_opens_with_when_someone_else_spoke_earlier()
    {
        var body = "Timur Osmonov, the leader of the Green Party, told reporters on Monday that the vote was rigged. "
                   + "The congress backed former minister Aigul Mufti as its candidate.\n\n"
                   + "Mufti did not attend the congress. At a press conference in Osh on Sunday, she said the party would win.";

        var statements = Extract.Of<StatementMade>(body);

        Assert.Equal("2021-06-06", statements.Single(s => s.Speaker == ActorId.Parse("aigul-mufti")).Occurred.ToEdtf());
        Assert.DoesNotContain(statements, s => s.Speaker == ActorId.Parse("timur-osmonov") && s.Occurred.ToEdtf() == "2021-06-06");
    }

    [Fact]
    public void continues_the_speaker_of_the_sentence_before_even_when_it_opens_with_someone_else()
    {
        var body = "Timur Osmonov, the leader of the Green Party, told reporters in Bishkek on Monday that the vote was fair.\n\n"
                   + "Osmonov's main rival, the lawyer Aigul Mufti, said on Sunday that the count was a fraud. “I have won,” she told reporters in Bishkek.";

        var statements = Extract.Of<StatementMade>(body);

        Assert.Equal(["2021-06-07"], statements.Where(s => s.Speaker == ActorId.Parse("timur-osmonov")).Select(s => s.Occurred.ToEdtf()));
        Assert.Contains("I have won", statements.Single(s => s.Speaker == ActorId.Parse("aigul-mufti")).Quotes);
    }
}

public class a_meeting_reported_by_its_close_and_its_opening
{
    [Fact]
    public void is_one_meeting_held_by_the_group_that_closed_its_own_congress_dated_from_its_opening()
    {
        // Given a congress reported by its close, then by its opening a few days before
        var body = "BISHKEK — The Confederation of Free Trade Unions of Kyrgyzstan (CFTUK) closed its ninth congress in Bishkek on Sunday. "
                   + "The congress opened on June 3 and brought together about 600 delegates.";

        // When extracted
        var congress = Extract.Of<ConferenceHeld>(body).Single();

        // Then it is one meeting, organised by the confederation, dated from the day it opened
        Assert.Equal("Confederation of Free Trade Unions of Kyrgyzstan", congress.Actors.Single(a => a.Role == ActorRole.Organizer).Name);
        Assert.Equal("2021-06-03", congress.Occurred.ToEdtf());
    }

    [Fact]
    public void the_meeting_of_a_named_coalition_gives_its_organiser_and_its_first_day_to_the_assembly_of_last_week()
    {
        var body = "Opposition groups in Kyrgyzstan held a national assembly in Osh last week. "
                   + "The assembly of the Kyzyl Tuu coalition ran from Wednesday to Friday and drew around 500 participants.";

        var assembly = Extract.Of<ConferenceHeld>(body).Single();

        Assert.Equal("2021-06-09", assembly.Occurred.ToEdtf());
        Assert.Contains(assembly.Actors, a => a.Name == "Kyzyl Tuu");
    }

    [Fact]
    public void a_summit_which_opened_days_before_is_the_conference_that_ended()
    {
        var body = "The United Nations water conference in Bishkek ended on Tuesday with a declaration on glaciers. "
                   + "The CA-5 summit, which opened on June 1 in the Kyrgyz capital, ran a day over schedule.";

        var conference = Extract.Of<ConferenceHeld>(body).Single();

        Assert.Equal("2021-06-01", conference.Occurred.ToEdtf());
    }

    [Fact]
    public void a_meeting_word_heading_an_organisations_name_is_no_meeting()
    {
        var body = "The Kyrgyz Congress of Trade Unions began a three-day strike in Bishkek on Monday.";

        Assert.Empty(Extract.Of<ConferenceHeld>(body));
    }
}

public class a_group_ordered_closed
{
    [Fact]
    public void a_court_ordering_its_closure_bans_it()
    {
        var ban = Extract.Of<PartyBanned>("Kazakhstan's Supreme Court on Tuesday ordered the closure of the Adil Soz Foundation, the country's oldest press freedom group.").Single();

        Assert.Equal("Adil Soz Foundation", ban.Actors.Single(a => a.Role == ActorRole.BannedParty).Name);
        Assert.Equal("2021-06-08", ban.Occurred.ToEdtf());
    }

    [Fact]
    public void ordered_that_it_be_shut_down_is_dated_by_the_day_before_the_aside()
    {
        var body = "On Wednesday, a court in Almaty ordered that the Erkin Soz Centre, a group that kept lists of political prisoners, be shut down.";

        var ban = Extract.Of<PartyBanned>(body).Single();

        Assert.Equal("2021-06-09", ban.Occurred.ToEdtf());
    }
}

public class groups_banned_by_count_and_named_after
{
    [Fact]
    public void each_group_the_next_sentence_names_is_banned_by_the_state_that_banned_them()
    {
        // Given a ban of "six … groups" and a next sentence that names three, with a fourth group in a relative clause
        var body = "Kazakhstan on Wednesday outlawed six Kyrgyz civil society groups, branding them extremist. "
                   + "The order names the rights group Erkin Soz, the media organisation Ala Too and the Naryn Center for Research and two others, which it said were linked to the Free Steppe Party.";

        // When extracted
        var bans = Extract.Of<PartyBanned>(body);

        // Then the three named groups are banned, by Kazakhstan (the demonym describes the groups), and the party they
        // are said to be linked to is not
        Assert.Equal(["Ala Too", "Erkin Soz", "Naryn Center for Research"], bans.Select(b => b.Actors.Single(a => a.Role == ActorRole.BannedParty).Name).Order());
        Assert.All(bans, b => Assert.Equal("KZ", b.Country.Value));
        Assert.All(bans, b => Assert.Equal("2021-06-09", b.Occurred.ToEdtf()));
    }
}

public class an_outage_told_in_other_ways
{
    [Fact]
    public void has_cut_since_a_day_some_words_after_the_verb_began_that_day()
    {
        var outage = Extract.Of<InternetOutage>("Kyrgyzstan has cut internet access nationwide for two hours each morning since Saturday to stop cheating in exams.").Single();

        Assert.Equal("2021-06-05", outage.Occurred.ToEdtf());
    }

    [Fact]
    public void a_government_ordering_its_own_cuts_after_a_reported_outage_is_another_outage()
    {
        var body = "Kyrgyzstan shut down mobile internet nationwide on Saturday. In the Osh region, the regional government ordered its own, shorter cuts on Tuesday.";

        var outages = Extract.Of<InternetOutage>(body);

        Assert.Equal(["2021-06-05", "2021-06-08"], outages.Select(o => o.Occurred.ToEdtf()).Order());
    }

    [Fact]
    public void cuts_without_an_outage_reported_before_are_not_one()
    {
        Assert.Empty(Extract.Of<InternetOutage>("The finance ministry ordered spending cuts in Bishkek on Tuesday."));
    }
}

public class what_a_ruling_says_about_the_banned
{
    [Fact]
    public void a_group_named_in_the_rulings_that_clause_is_not_banned_too()
    {
        var bans = Extract.Of<PartyBanned>("Kyrgyzstan's Supreme Court outlawed the Ata Jurt party, ruling on May 3, 2021, that the party was part of the armed group Kyzyl Kol.");

        Assert.Equal("Ata Jurt", bans.Single().Actors.Single(a => a.Role == ActorRole.BannedParty).Name);
    }
}

public class a_speaker_named_after_the_verb
{
    [Fact]
    public void with_an_apposition_still_dates_the_statement_by_the_day_after_it()
    {
        var body = "“The bans did not work,” said Aigul Mufti, a historian at the Kyrgyz National University in Bishkek, in an interview on Sunday.";

        var statement = Extract.Of<StatementMade>(body).Single();

        Assert.Equal("2021-06-06", statement.Occurred.ToEdtf());
    }
}

public class a_speaker_with_a_relative_aside
{
    [Fact]
    public void speaks_through_the_verb_after_the_aside_even_when_the_aside_has_a_speech_verb()
    {
        var body = "BISHKEK — President Aigul Mufti, who has said she will veto the bill, wrote on Telegram on Monday that the vote was a mistake.";

        var statement = Extract.Of<StatementMade>(body).Single();

        Assert.Equal(ActorId.Parse("aigul-mufti"), statement.Speaker);
        Assert.Equal("2021-06-07", statement.Occurred.ToEdtf());
    }
}

public class a_name_closing_an_aside
{
    [Fact]
    public void after_a_preposition_is_not_the_speaker()
    {
        var statements = Extract.Of<StatementMade>("BISHKEK — Soldiers detained President Aigul Mufti on Monday. The information office, still loyal to Mufti, said on Monday that she had been taken away.");

        Assert.DoesNotContain(statements, s => s.Speaker == ActorId.Parse("aigul-mufti"));
    }
}

public class bans_told_in_other_words
{
    [Theory]
    [InlineData("BISHKEK — The government on Monday suspended the activities of the Ata Meken party for six months.", "Ata-Meken")]
    [InlineData("BISHKEK — The Supreme Court on Monday declared the Ata Meken party a terror organisation.", "Ata-Meken")]
    [InlineData("BISHKEK — The justice ministry on Monday revoked the licence of the Ata Meken party.", "Ata-Meken")]
    [InlineData("BISHKEK — On Monday the authorities banned the activities of the Free Steppe Democrats of Kyrgyzstan.", "Free Steppe Democrats")]
    [InlineData("BISHKEK — A court on Monday ordered the liquidation of the Green Steppe Democrats, the country's oldest opposition party.", "Green Steppe Democrats")]
    public void ban_the_group_they_name_on_the_day_they_give(string body, string banned)
    {
        var ban = Extract.Of<PartyBanned>(body).Single();

        Assert.Equal(banned, ban.Actors.Single(a => a.Role == ActorRole.BannedParty).Name);
        Assert.Equal("2021-06-07", ban.Occurred.ToEdtf());
    }

    [Fact]
    public void a_party_outlawed_since_a_year_was_banned_that_year_whatever_else_the_sentence_dates()
    {
        var ban = Extract.Of<PartyBanned>("BISHKEK — The Ata Meken party, outlawed since 2008, held a rally on Monday.").Single();

        Assert.Equal("2008", ban.Occurred.ToEdtf());
    }
}

public class outages_told_as_an_order_or_a_measurement
{
    [Theory]
    [InlineData("BISHKEK — The telecoms regulator ordered operators to throttle mobile data nationwide on Monday.")]
    [InlineData("BISHKEK — Connectivity in Kyrgyzstan fell to 20 percent of ordinary levels on Monday, according to the monitoring group NetBlocks.")]
    public void are_outages_on_the_day_they_give(string body)
    {
        var outage = Extract.Of<InternetOutage>(body).Single();

        Assert.Equal("2021-06-07", outage.Occurred.ToEdtf());
        Assert.Equal("KG", outage.Country.Value);
    }

    [Fact]
    public void a_fall_of_something_else_is_not_an_outage()
    {
        Assert.Empty(Extract.Of<InternetOutage>("BISHKEK — Turnout in Kyrgyzstan fell to 30 percent on Monday, the election commission said."));
    }
}

public class a_speaker_quoted_by_an_agency
{
    [Fact]
    public void was_quoted_as_saying_is_a_statement_on_the_day_given()
    {
        var statement = Extract.Of<StatementMade>("BISHKEK — Opposition leader Timur Osmonov was quoted by the state news agency Kabar as saying on Monday that the law would be changed.").Single();

        Assert.Equal(ActorId.Parse("timur-osmonov"), statement.Speaker);
        Assert.Equal("2021-06-07", statement.Occurred.ToEdtf());
    }
}

public class an_organisation_named_after_its_city
{
    [Fact]
    public void keeps_the_city_in_its_name_and_the_city_as_its_place()
    {
        var roundtable = Extract.Of<ConferenceHeld>("The Bishkek Policy Institute hosted a roundtable on media freedom on Monday.").Single();

        Assert.Equal("Bishkek Policy Institute", roundtable.Actors.Single(a => a.Role == ActorRole.Host).Name);
        Assert.Equal("KG", roundtable.Country.Value);
    }
}
