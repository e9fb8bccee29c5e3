package io.webhookactions.history;

import java.util.List;

/**
 * The CSV form of execution summaries (SPEC §13): a header row, then one row per execution, fields quoted as
 * RFC 4180 says (a field with a comma, a quote or a line break is quoted, quotes doubled; lines end in CRLF). A
 * text cell that a spreadsheet would read as a formula ({@code = + - @}, or a tab or carriage return first) gets a
 * leading {@code '}: an action error such as {@code =HYPERLINK(...)} from an upstream stays text when opened.
 */
public final class CsvExport {

    public static final String HEADER = "id,started_at,action,source,caller,duration_ms,success,status_code,error\r\n";

    private CsvExport() {
    }

    /** The rows of {@code records}, without the header. */
    public static String rows(List<HistoryRecord> records) {
        StringBuilder csv = new StringBuilder(records.size() * 160);
        for (HistoryRecord record : records) {
            csv.append(record.id()).append(',')
                    .append(record.startedAt()).append(',')
                    .append(text(record.action())).append(',')
                    .append(text(record.source())).append(',')
                    .append(text(record.caller())).append(',')
                    .append(record.durationMs()).append(',')
                    .append(record.success()).append(',')
                    .append(record.statusCode() == null ? "" : record.statusCode().toString()).append(',')
                    .append(text(record.error())).append("\r\n");
        }
        return csv.toString();
    }

    /** One text cell: defused when it would start a formula, quoted when it must be. */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        String cell = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + value : value;
        boolean quote = false;
        for (int i = 0; i < cell.length() && !quote; i++) {
            char c = cell.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return quote ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }
}
