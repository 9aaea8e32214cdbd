namespace Timeline.Ingestion.Text;

/// <summary>A word, number or punctuation mark of a text, with its offset. <see cref="Norm"/> drops a possessive "'s".</summary>
public readonly record struct Token(string Text, int Start)
{
    public int End => Start + Text.Length;

    /// <summary>The token without a trailing possessive ("IRPT’s" → "IRPT").</summary>
    public string Norm =>
        Text.Length > 2 && (Text.EndsWith("'s", StringComparison.Ordinal) || Text.EndsWith("’s", StringComparison.Ordinal))
            ? Text[..^2]
            : Text.Length > 1 && (Text[^1] == '\'' || Text[^1] == '’') ? Text[..^1] : Text;

    public bool IsWord => Text.Length > 0 && char.IsLetter(Text[0]);
    public bool IsCapitalized => Text.Length > 0 && char.IsUpper(Text[0]);
    public bool IsNumber => Text.Length > 0 && char.IsDigit(Text[0]);
    public bool Is(string text) => string.Equals(Text, text, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Splits text into tokens: dotted acronyms ("D.C.", "U.S."), words with inner apostrophes, hyphens or dots ("People's",
/// "al-Burhan", "Kun.uz") and an optional possessive ("IRPT’s"), numbers, and single marks. A plain loop, because this runs
/// over every character of every article.
/// </summary>
public static class Tokenizer
{
    public static Token[] Tokenize(string text, int offset = 0)
    {
        var tokens = new List<Token>(text.Length / 5 + 4);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            var start = i;
            if (char.IsLetterOrDigit(c))
            {
                if (char.IsUpper(c) && IsDottedAcronym(text, i, out var acronymEnd))
                {
                    i = acronymEnd;
                }
                else
                {
                    i++;
                    while (true)
                    {
                        while (i < text.Length && char.IsLetterOrDigit(text[i])) i++;
                        if (i + 1 < text.Length && text[i] is '\'' or '’' or '-' && char.IsLetterOrDigit(text[i + 1])
                            && !(text[i] is '\'' or '’' && text[i + 1] == 's' && (i + 2 >= text.Length || !char.IsLetterOrDigit(text[i + 2]))))
                        {
                            i++;
                            continue;
                        }
                        if (i + 1 < text.Length && text[i] == '.' && char.IsLower(text[i + 1])) { i++; continue; }
                        break;
                    }
                    // A possessive ("IRPT’s", "Peoples'") stays on its word; Token.Norm drops it.
                    if (i < text.Length && text[i] is '\'' or '’')
                    {
                        var j = i + 1;
                        if (j < text.Length && text[j] == 's') j++;
                        if (j >= text.Length || !char.IsLetterOrDigit(text[j])) i = j;
                    }
                }
            }
            else
            {
                i++;
            }
            tokens.Add(new Token(text[start..i], start + offset));
        }
        return tokens.ToArray();
    }

    // Two or more "X." pairs: "U.S.", "D.C.", "U.S.A."
    private static bool IsDottedAcronym(string text, int i, out int end)
    {
        var pairs = 0;
        end = i;
        while (end + 1 < text.Length && char.IsUpper(text[end]) && text[end + 1] == '.')
        {
            pairs++;
            end += 2;
        }
        return pairs >= 2;
    }
}
