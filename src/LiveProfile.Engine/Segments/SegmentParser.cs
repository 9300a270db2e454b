using System.Globalization;

namespace LiveProfile.Engine.Segments;

/// <summary>
/// Parses segment expressions: tags combined with <c>and</c>, <c>or</c>, <c>not</c> (also <c>&amp;&amp;</c>, <c>||</c>,
/// <c>!</c>) and parentheses, <c>and</c> binding tighter than <c>or</c>. A tag is written as its id
/// (<c>interest:beauty</c>, <c>age:45+</c>, <c>region:上海</c>); <c>prefix:*</c> means any tag of the taxonomy with that
/// prefix. Every tag must be known to the vocabulary. Sizes are bounded so that no expression is costly to evaluate.
/// </summary>
public static class SegmentParser
{
    public const int MaxLength = 4096;
    public const int MaxTerms = 64;
    public const int MaxDepth = 32;

    /// <summary>Tags a wildcard may stand for.</summary>
    public const int MaxExpansion = 1024;

    /// <exception cref="SegmentSyntaxException">The expression is malformed, too big, or names an unknown tag.</exception>
    public static SegmentNode Parse(string expression, ISegmentVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(vocabulary);
        if (expression.Length > MaxLength)
        {
            throw new SegmentSyntaxException(SegmentErrorCodes.TooComplex, MaxLength, $"the expression is {expression.Length} characters; at most {MaxLength}");
        }
        var state = new State(expression, vocabulary);
        state.Advance();
        if (state.Current.Kind == Kind.End) throw state.Error("the expression is empty; name a tag, e.g. 'high_value and not churn_risk'");
        var node = state.ParseOr(0);
        if (state.Current.Kind != Kind.End) throw state.Error($"unexpected {State.Describe(state.Current)}; expected 'and', 'or' or the end");
        return node;
    }

    private enum Kind { End, Tag, And, Or, Not, Open, Close }

    private readonly record struct Token(Kind Kind, int Start, string Text);

    private sealed class State(string source, ISegmentVocabulary vocabulary)
    {
        private int _position;
        private int _terms;

        public Token Current { get; private set; }

        public SegmentNode ParseOr(int depth)
        {
            var first = ParseAnd(depth);
            if (Current.Kind != Kind.Or) return first;
            var operands = new List<SegmentNode> { first };
            while (Current.Kind == Kind.Or)
            {
                Advance();
                operands.Add(ParseAnd(depth));
            }
            return new OrNode(operands);
        }

        private SegmentNode ParseAnd(int depth)
        {
            var first = ParseUnary(depth);
            if (Current.Kind != Kind.And) return first;
            var operands = new List<SegmentNode> { first };
            while (Current.Kind == Kind.And)
            {
                Advance();
                operands.Add(ParseUnary(depth));
            }
            return new AndNode(operands);
        }

        private SegmentNode ParseUnary(int depth)
        {
            if (depth > MaxDepth) throw new SegmentSyntaxException(SegmentErrorCodes.TooComplex, Current.Start, $"nested more than {MaxDepth} deep");
            var token = Current;
            switch (token.Kind)
            {
                case Kind.Not:
                    Advance();
                    return new NotNode(ParseUnary(depth + 1));
                case Kind.Open:
                    Advance();
                    var inner = ParseOr(depth + 1);
                    if (Current.Kind != Kind.Close) throw Error($"expected ')' to close the '(' at {token.Start}, found {Describe(Current)}");
                    Advance();
                    return inner;
                case Kind.Tag:
                    Advance();
                    return Term(token);
                default:
                    throw Error($"expected a tag, 'not' or '(', found {Describe(token)}");
            }
        }

        private SegmentNode Term(Token token)
        {
            if (++_terms > MaxTerms) throw new SegmentSyntaxException(SegmentErrorCodes.TooComplex, token.Start, $"more than {MaxTerms} tags");
            var text = token.Text;
            if (text.EndsWith(":*", StringComparison.Ordinal))
            {
                var expanded = vocabulary.WithPrefix(text[..^1]);
                if (expanded.Count == 0) throw new SegmentSyntaxException(SegmentErrorCodes.UnknownTag, token.Start, $"no tag of the taxonomy starts with '{text[..^1]}'");
                if (expanded.Count > MaxExpansion)
                {
                    throw new SegmentSyntaxException(SegmentErrorCodes.TooComplex, token.Start, $"'{text}' stands for {expanded.Count} tags; at most {MaxExpansion}");
                }
                return new AnyTagTerm(text, expanded);
            }
            if (text.Contains('*')) throw new SegmentSyntaxException(SegmentErrorCodes.Syntax, token.Start, $"'{text}': a wildcard is written 'prefix:*'");
            if (!vocabulary.Knows(text)) throw new SegmentSyntaxException(SegmentErrorCodes.UnknownTag, token.Start, $"unknown tag '{text}'");
            return new TagTerm(text);
        }

        public void Advance()
        {
            while (_position < source.Length && char.IsWhiteSpace(source[_position])) _position++;
            var start = _position;
            if (_position >= source.Length)
            {
                Current = new Token(Kind.End, start, "");
                return;
            }
            var c = source[_position];
            switch (c)
            {
                case '(':
                    _position++;
                    Current = new Token(Kind.Open, start, "(");
                    return;
                case ')':
                    _position++;
                    Current = new Token(Kind.Close, start, ")");
                    return;
                case '!':
                    _position++;
                    Current = new Token(Kind.Not, start, "!");
                    return;
                case '&' or '|':
                    if (_position + 1 < source.Length && source[_position + 1] == c)
                    {
                        _position += 2;
                        Current = new Token(c == '&' ? Kind.And : Kind.Or, start, new string(c, 2));
                        return;
                    }
                    throw new SegmentSyntaxException(SegmentErrorCodes.Syntax, start, $"unexpected '{c}'; write '{(c == '&' ? "and" : "or")}' or '{c}{c}'");
            }
            if (!IsTagChar(c)) throw new SegmentSyntaxException(SegmentErrorCodes.Syntax, start, $"unexpected '{c}'");
            while (_position < source.Length && IsTagChar(source[_position])) _position++;
            var text = source[start.._position];
            Current = text.ToLowerInvariant() switch
            {
                "and" => new Token(Kind.And, start, text),
                "or" => new Token(Kind.Or, start, text),
                "not" => new Token(Kind.Not, start, text),
                _ => new Token(Kind.Tag, start, text),
            };
        }

        /// <summary>Letters (any script), digits and the punctuation tag ids use.</summary>
        private static bool IsTagChar(char c) =>
            char.IsLetterOrDigit(c) || c is '_' or ':' or '-' or '+' or '.' or '*' or '/'
            || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.OtherLetter;

        public SegmentSyntaxException Error(string message) => new(SegmentErrorCodes.Syntax, Current.Start, message);

        public static string Describe(Token token) => token.Kind == Kind.End ? "the end of the expression" : $"'{token.Text}' at {token.Start}";
    }
}
