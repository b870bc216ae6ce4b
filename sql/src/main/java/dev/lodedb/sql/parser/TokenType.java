package dev.lodedb.sql.parser;

/**
 * The kinds of token the {@link Lexer} produces, following PostgreSQL's lexical structure
 * (PostgreSQL 15 documentation, "Lexical Structure"; {@code src/backend/parser/scan.l}).
 *
 * <p>The {@link Token#text()} of each kind is described on the constant.
 */
public enum TokenType {
    /** An unquoted identifier that is not a keyword; text folded to lower case. */
    IDENTIFIER,
    /** An unquoted keyword (see {@link Keywords}); text folded to lower case. */
    KEYWORD,
    /** A double-quoted identifier ({@code "Name"} or {@code U&"..."}); text unescaped, case kept. */
    QUOTED_IDENTIFIER,
    /**
     * A string constant: {@code '...'}, {@code E'...'}, {@code U&'...'}, {@code N'...'} or a
     * dollar-quoted string; text is the decoded value.
     */
    STRING,
    /** A bit-string constant {@code B'0101'}; text is the characters between the quotes. */
    BIT_STRING,
    /** A hexadecimal bit-string constant {@code X'1F'}; text is the characters between the quotes. */
    HEX_STRING,
    /** An integer constant that fits in a {@code long}; text is the digits. */
    INTEGER,
    /** A numeric constant (with a point, an exponent, or too large for a long); text as written. */
    NUMERIC,
    /** A positional parameter {@code $n}; text is the number without the dollar sign. */
    PARAMETER,
    /** An operator such as {@code +}, {@code <=}, {@code ->>} or {@code @>}; text is the operator ({@code !=} reads {@code <>}). */
    OPERATOR,
    /** The cast operator {@code ::}. */
    TYPECAST,
    /** The named-argument assignment {@code :=}. */
    COLON_EQUALS,
    /** {@code (} */
    LPAREN,
    /** {@code )} */
    RPAREN,
    /** {@code [} */
    LBRACKET,
    /** {@code ]} */
    RBRACKET,
    /** {@code ,} */
    COMMA,
    /** {@code ;} */
    SEMICOLON,
    /** {@code .} */
    DOT,
    /** {@code :} (array slices) */
    COLON,
    /** A character that starts no token (for example a stray backslash); text is that character. */
    UNKNOWN,
    /** The end of the input; text is empty. */
    EOF
}
