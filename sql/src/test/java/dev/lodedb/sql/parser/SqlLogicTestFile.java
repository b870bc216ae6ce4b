package dev.lodedb.sql.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the SQL of a sqllogictest script as a PostgreSQL-dialect engine (database name
 * {@code postgresql}) sees it: a record is {@code statement ok|error} or {@code query ...}
 * followed by SQL lines up to {@code ----} or a blank line; records preceded by
 * {@code onlyif <other db>} or {@code skipif postgresql} are skipped, and an applicable
 * {@code halt} ends the file.
 */
final class SqlLogicTestFile {

    /** One SQL record. */
    record Record(int line, String sql) {
    }

    private SqlLogicTestFile() {
    }

    static List<Record> records(String text) {
        String[] lines = text.split("\n", -1);
        List<Record> records = new ArrayList<>();
        boolean skip = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                skip = false;
                continue;
            }
            String[] words = line.split("\\s+");
            if (words[0].equals("onlyif") && words.length > 1) {
                skip |= !words[1].equals("postgresql");
                continue;
            }
            if (words[0].equals("skipif") && words.length > 1) {
                skip |= words[1].equals("postgresql");
                continue;
            }
            if (words[0].equals("halt")) {
                if (!skip) {
                    break;
                }
                skip = false;
                continue;
            }
            if (words[0].equals("statement") || words[0].equals("query")) {
                int start = i + 1;
                StringBuilder sql = new StringBuilder();
                int j = start;
                while (j < lines.length && !lines[j].strip().isEmpty() && !lines[j].strip().equals("----")) {
                    if (sql.length() > 0) {
                        sql.append('\n');
                    }
                    sql.append(lines[j]);
                    j++;
                }
                if (!skip) {
                    records.add(new Record(start + 1, sql.toString()));
                }
                skip = false;
                while (j < lines.length && !lines[j].strip().isEmpty()) {
                    j++;
                }
                i = j;
            }
        }
        return records;
    }
}
