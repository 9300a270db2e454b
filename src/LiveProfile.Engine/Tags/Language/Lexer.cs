using System.Globalization;
using System.Text;

namespace LiveProfile.Engine.Tags.Language;

/// <summary>
/// Hand-written lexer, pulled one token at a time by the <see cref="Parser"/> so the first error in
/// source order is the one reported. Characters outside the language become an
/// <see cref="TokenKind.Error"/> token whose message names what is not allowed and why.
/// </summary>
internal sealed class Lexer
{
    private readonly string _source;
    private int _position;

    public Lexer(string source) => _source = source;

    public Token Next()
    {
        SkipWhitespace();
        if (_position >= _source.Length) return new Token(TokenKind.End, _position, _position);
        var start = _position;
        var c = _source[_position];
        if (char.IsAsciiDigit(c)) return LexNumber();
        if (char.IsAsciiLetter(c) || c == '_') return LexWord();
        switch (c)
        {
            case '\'':
            case '"':
                return LexString(c);
            case '$':
                return LexPlaceholder();
            case '(': return Single(TokenKind.OpenParen);
            case ')': return Single(TokenKind.CloseParen);
            case ',': return Single(TokenKind.Comma);
            case '+': return Single(TokenKind.Plus);
            case '-': return Single(TokenKind.Minus);
            case '*': return Single(TokenKind.Star);
            case '/': return Single(TokenKind.Slash);
            case '<': return Peek(1) == '=' ? Double(TokenKind.LessEqual) : Single(TokenKind.Less);
            case '>': return Peek(1) == '=' ? Double(TokenKind.GreaterEqual) : Single(TokenKind.Greater);
            case '!': return Peek(1) == '=' ? Double(TokenKind.NotEqual) : Single(TokenKind.Not);
            case '=':
                if (Peek(1) == '=') return Double(TokenKind.Equal);
                if (Peek(1) == '>') return Error(start, DiagnosticCodes.Lambda, "lambdas ('=>') are not part of the tag language");
                return Error(start, DiagnosticCodes.Assignment, "assignment ('=') is not allowed; use '==' to compare");
            case '&':
                if (Peek(1) == '&') return Double(TokenKind.And);
                return Error(start, DiagnosticCodes.UnexpectedCharacter, "unexpected '&'; write 'and' or '&&'");
            case '|':
                if (Peek(1) == '|') return Double(TokenKind.Or);
                return Error(start, DiagnosticCodes.UnexpectedCharacter, "unexpected '|'; write 'or' or '||'");
            case '.':
                if (char.IsAsciiDigit(Peek(1)))
                    return Error(start, DiagnosticCodes.InvalidNumber, "expected a digit before '.'; write numbers like 0.5");
                return Error(start, DiagnosticCodes.MemberAccess, "member access ('.') is not allowed; the language has only function calls such as share('beauty')");
            case '[':
            case ']':
                return Error(start, DiagnosticCodes.Indexing, $"indexing ('{c}') is not allowed; the language has only function calls");
            case '%':
                return Error(start, DiagnosticCodes.UnexpectedCharacter, "'%' must directly follow a number, as in 30%");
            default:
                return Error(start, DiagnosticCodes.UnexpectedCharacter, $"unexpected character {Describe(start)}");
        }
    }

    private string Describe(int at)
    {
        var rune = Rune.GetRuneAt(_source, at);
        if (Rune.IsControl(rune) || Rune.IsWhiteSpace(rune)) return $"U+{rune.Value:X4}";
        if (char.IsSurrogate(_source[at]) && !char.IsSurrogatePair(_source, at)) return $"U+{(int)_source[at]:X4}";
        return $"'{rune}'";
    }

    private char Peek(int ahead) => _position + ahead < _source.Length ? _source[_position + ahead] : '\0';

    private Token Single(TokenKind kind) => new(kind, _position, ++_position);

    private Token Double(TokenKind kind)
    {
        var start = _position;
        _position += 2;
        return new Token(kind, start, _position);
    }

    private static Token Error(int at, string code, string message) => new(TokenKind.Error, at, at + 1, Text: message, Code: code);

    private void SkipWhitespace()
    {
        while (_position < _source.Length)
        {
            var c = _source[_position];
            if (c is ' ' or '\t' or '\r' or '\n') _position++;
            else break;
        }
    }

    private Token LexNumber()
    {
        var start = _position;
        while (_position < _source.Length && char.IsAsciiDigit(_source[_position])) _position++;
        if (_position < _source.Length && _source[_position] == '.')
        {
            if (!char.IsAsciiDigit(Peek(1)))
                return Error(_position, DiagnosticCodes.InvalidNumber, "expected a digit after '.' in a number");
            _position++;
            while (_position < _source.Length && char.IsAsciiDigit(_source[_position])) _position++;
        }
        var digits = _source.AsSpan(start, _position - start);
        if (digits.Length > 30) return Error(start, DiagnosticCodes.InvalidNumber, "number literal is too long (at most 30 characters)");
        var value = double.Parse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        if (_position < _source.Length && _source[_position] == '%')
        {
            _position++;
            return new Token(TokenKind.Percent, start, _position, value / 100);
        }
        var suffixStart = _position;
        while (_position < _source.Length && (char.IsAsciiLetterOrDigit(_source[_position]) || _source[_position] == '_')) _position++;
        if (_position == suffixStart) return new Token(TokenKind.Number, start, _position, value);
        var suffix = _source[suffixStart.._position];
        double unit = suffix switch { "d" => 86400, "h" => 3600, "m" => 60, "s" => 1, _ => 0 };
        if (unit == 0)
            return Error(suffixStart, DiagnosticCodes.InvalidNumber, $"invalid number suffix '{suffix}'; durations end in d, h, m or s (30d, 12h, 5m, 90s) and percentages in %");
        return new Token(TokenKind.Duration, start, _position, value * unit);
    }

    private Token LexWord()
    {
        var start = _position;
        while (_position < _source.Length && (char.IsAsciiLetterOrDigit(_source[_position]) || _source[_position] == '_')) _position++;
        var word = _source[start.._position];
        var kind = word switch
        {
            "and" => TokenKind.And,
            "or" => TokenKind.Or,
            "not" => TokenKind.Not,
            "true" => TokenKind.True,
            "false" => TokenKind.False,
            _ => TokenKind.Identifier,
        };
        return new Token(kind, start, _position, Text: word);
    }

    private Token LexPlaceholder()
    {
        var start = _position++;
        if (_position >= _source.Length || !(char.IsAsciiLetter(_source[_position]) || _source[_position] == '_'))
        {
            var what = _position < _source.Length && _source[_position] == '{'
                ? "; '${…}' interpolation is not supported" : "";
            return Error(start, DiagnosticCodes.InvalidParameterName, $"expected a parameter name after '$', as in $category{what}");
        }
        var nameStart = _position;
        while (_position < _source.Length && (char.IsAsciiLetterOrDigit(_source[_position]) || _source[_position] == '_')) _position++;
        return new Token(TokenKind.Placeholder, start, _position, Text: _source[nameStart.._position]);
    }

    private Token LexString(char quote)
    {
        var start = _position++;
        var builder = new StringBuilder();
        while (true)
        {
            if (_position >= _source.Length || _source[_position] is '\n' or '\r')
                return Error(start, DiagnosticCodes.UnterminatedString, $"unterminated string: expected a closing {quote} on the same line");
            var c = _source[_position];
            if (c == quote)
            {
                _position++;
                return new Token(TokenKind.String, start, _position, Text: builder.ToString());
            }
            if (c != '\\')
            {
                builder.Append(c);
                _position++;
                continue;
            }
            var escapeAt = _position;
            var e = Peek(1);
            _position += 2;
            switch (e)
            {
                case '\\': builder.Append('\\'); break;
                case '\'': builder.Append('\''); break;
                case '"': builder.Append('"'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (_position + 4 <= _source.Length
                        && int.TryParse(_source.AsSpan(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        builder.Append((char)code);
                        _position += 4;
                        break;
                    }
                    return Error(escapeAt, DiagnosticCodes.InvalidEscape, "expected four hex digits after \\u");
                default:
                    return Error(escapeAt, DiagnosticCodes.InvalidEscape, "invalid escape; use \\\\, \\', \\\", \\n, \\r, \\t or \\uXXXX");
            }
        }
    }
}
