package dev.lodedb.sql.parser;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * PostgreSQL 15's keyword table: every keyword with its {@link KeywordCategory} and whether it may
 * serve as a column alias without {@code AS} ("bare label", PostgreSQL 14+).
 *
 * <p>Source: PostgreSQL 15 {@code src/include/parser/kwlist.h} and the documentation's Appendix C.
 * Keywords added after 15 (JSON constructors, {@code system_user}, ...) are deliberately absent,
 * so those words remain ordinary identifiers.
 *
 * <p>Thread-safe (immutable after class initialisation).
 */
public final class Keywords {

    private static final String RESERVED = """
            all analyse analyze and any array as asc asymmetric both case cast check collate column
            constraint create current_catalog current_date current_role current_time
            current_timestamp current_user default deferrable desc distinct do else end except false
            fetch for foreign from grant group having in initially intersect into lateral leading
            limit localtime localtimestamp not null offset on only or order placing primary
            references returning select session_user some symmetric table then to trailing true
            union unique user using variadic when where window with
            """;

    private static final String TYPE_FUNC_NAME = """
            authorization binary collation concurrently cross current_schema freeze full ilike inner
            is isnull join left like natural notnull outer overlaps right similar tablesample verbose
            """;

    private static final String COL_NAME = """
            between bigint bit boolean char character coalesce dec decimal exists extract float
            greatest grouping inout int integer interval least national nchar none normalize nullif
            numeric out overlay position precision real row setof smallint substring time timestamp
            treat trim values varchar xmlattributes xmlconcat xmlelement xmlexists xmlforest
            xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable
            """;

    private static final String UNRESERVED = """
            abort absolute access action add admin after aggregate also alter always asensitive
            assertion assignment at atomic attach attribute backward before begin breadth by cache
            call called cascade cascaded catalog chain characteristics checkpoint class close cluster
            columns comment comments commit committed compression configuration conflict connection
            constraints content continue conversion copy cost csv cube current cursor cycle data
            database day deallocate declare defaults deferred definer delete delimiter delimiters
            depends depth detach dictionary disable discard document domain double drop each enable
            encoding encrypted enum escape event exclude excluding exclusive execute explain
            expression extension external family filter finalize first following force forward
            function functions generated global granted groups handler header hold hour identity if
            immediate immutable implicit import include including increment index indexes inherit
            inherits inline input insensitive insert instead invoker isolation key label language
            large last leakproof level listen load local location lock locked logged mapping match
            matched materialized maxvalue merge method minute minvalue mode month move name names new
            next nfc nfd nfkc nfkd no normalized nothing notify nowait nulls object of off oids old
            operator option options ordinality others over overriding owned owner parallel parameter
            parser partial partition passing password plans policy preceding prepare prepared
            preserve prior privileges procedural procedure procedures program publication quote range
            read reassign recheck recursive ref referencing refresh reindex relative release rename
            repeatable replace replica reset restart restrict return returns revoke role rollback
            rollup routine routines rows rule savepoint schema schemas scroll search second security
            sequence sequences serializable server session set sets share show simple skip snapshot
            sql stable standalone start statement statistics stdin stdout storage stored strict strip
            subscription support sysid system tables tablespace temp template temporary text ties
            transaction transform trigger truncate trusted type types uescape unbounded uncommitted
            unencrypted unknown unlisten unlogged until update vacuum valid validate validator value
            varying version view views volatile whitespace within without work wrapper write xml year
            yes zone
            """;

    /** Keywords that need {@code AS} to be a column alias (kwlist.h's AS_LABEL entries). */
    private static final String AS_LABEL = """
            array as char character create day except fetch filter for from grant group having hour
            intersect into isnull limit minute month notnull offset on order over overlaps precision
            returning second to union varying where window with within without year
            """;

    private static final Map<String, KeywordCategory> CATEGORIES = new HashMap<>(1024);
    private static final Set<String> AS_LABELS = new HashSet<>();

    static {
        register(RESERVED, KeywordCategory.RESERVED);
        register(TYPE_FUNC_NAME, KeywordCategory.TYPE_FUNC_NAME);
        register(COL_NAME, KeywordCategory.COL_NAME);
        register(UNRESERVED, KeywordCategory.UNRESERVED);
        for (String word : AS_LABEL.trim().split("\\s+")) {
            AS_LABELS.add(word);
        }
    }

    private Keywords() {
    }

    private static void register(String words, KeywordCategory category) {
        for (String word : words.trim().split("\\s+")) {
            if (CATEGORIES.put(word, category) != null) {
                throw new IllegalStateException("duplicate keyword " + word);
            }
        }
    }

    /**
     * @param word a word already folded to lower case
     * @return the word's keyword class, or {@code null} when the word is not a keyword
     */
    public static KeywordCategory category(String word) {
        return CATEGORIES.get(word);
    }

    /**
     * @param word a word already folded to lower case
     * @return whether the word is a keyword of any class
     */
    public static boolean isKeyword(String word) {
        return CATEGORIES.containsKey(word);
    }

    /**
     * @param word a keyword in lower case
     * @return whether the keyword may follow a select-list expression as its alias without
     *     {@code AS}; {@code false} for words that are not keywords
     */
    public static boolean isBareLabel(String word) {
        return CATEGORIES.containsKey(word) && !AS_LABELS.contains(word);
    }

    /** @return the number of keywords in the table */
    public static int size() {
        return CATEGORIES.size();
    }

    /** @return every keyword in lower case, sorted (for the shell's tab completion) */
    public static java.util.List<String> all() {
        return CATEGORIES.keySet().stream().sorted().toList();
    }
}
