package dev.lodedb.sql.parser;

/**
 * PostgreSQL's four keyword classes (PostgreSQL 15 documentation, Appendix C "SQL Key Words";
 * {@code src/include/parser/kwlist.h}). The class decides where a keyword may stand in for a name.
 */
public enum KeywordCategory {
    /** Usable as any name: column, table, function, type, alias (e.g. {@code name}, {@code value}, {@code year}). */
    UNRESERVED,
    /**
     * Usable as a column or table name but not as a function or type name, because the word has a
     * grammar of its own (e.g. {@code position}, {@code int}, {@code coalesce}, {@code between}).
     */
    COL_NAME,
    /**
     * Usable as a function or type name but not as a column or table name (e.g. {@code left},
     * {@code join}, {@code like}).
     */
    TYPE_FUNC_NAME,
    /** Usable only as a label after {@code AS} or after a dot (e.g. {@code select}, {@code from}). */
    RESERVED
}
