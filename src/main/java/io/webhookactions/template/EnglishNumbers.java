package io.webhookactions.template;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Numbers in English words: 31 -> "thirty-one", "31st", "thirty-first". */
final class EnglishNumbers {

    private static final String[] SMALL = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen"};
    private static final String[] TENS = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
        "ninety"};
    private static final String[] SCALES = {"", " thousand", " million", " billion", " trillion", " quadrillion",
        " quintillion"};

    private EnglishNumbers() {
    }

    /** {@code -12.5} -> "minus twelve point five"; digits after the point are read one by one. */
    static String words(BigDecimal number) {
        StringBuilder text = new StringBuilder();
        if (number.signum() < 0) {
            text.append("minus ");
            number = number.negate();
        }
        BigInteger whole = number.toBigInteger();
        text.append(words(whole));
        String plain = number.stripTrailingZeros().toPlainString();
        int point = plain.indexOf('.');
        if (point >= 0) {
            text.append(" point");
            for (char digit : plain.substring(point + 1).toCharArray()) {
                text.append(' ').append(SMALL[digit - '0']);
            }
        }
        return text.toString();
    }

    static String words(BigInteger whole) {
        if (whole.signum() == 0) {
            return SMALL[0];
        }
        if (whole.bitLength() > 63 || whole.longValueExact() >= 1_000_000_000_000_000_000L) {
            return whole.toString();
        }
        long value = whole.longValueExact();
        StringBuilder text = new StringBuilder();
        int scale = 0;
        while (value > 0) {
            int chunk = (int) (value % 1000);
            if (chunk > 0) {
                String part = belowThousand(chunk) + SCALES[scale];
                text.insert(0, text.length() == 0 ? part : part + " ");
            }
            value /= 1000;
            scale++;
        }
        return text.toString();
    }

    private static String belowThousand(int n) {
        StringBuilder text = new StringBuilder();
        if (n >= 100) {
            text.append(SMALL[n / 100]).append(" hundred");
            n %= 100;
            if (n > 0) {
                text.append(" and ");
            }
        }
        if (n >= 20) {
            text.append(TENS[n / 10]);
            if (n % 10 > 0) {
                text.append('-').append(SMALL[n % 10]);
            }
        } else if (n > 0) {
            text.append(SMALL[n]);
        }
        return text.toString();
    }

    /** 1 -> "1st", 11 -> "11th", 22 -> "22nd". */
    static String ordinal(BigInteger number) {
        int lastTwo = number.abs().mod(BigInteger.valueOf(100)).intValue();
        String suffix;
        if (lastTwo >= 11 && lastTwo <= 13) {
            suffix = "th";
        } else {
            suffix = switch (lastTwo % 10) {
                case 1 -> "st";
                case 2 -> "nd";
                case 3 -> "rd";
                default -> "th";
            };
        }
        return number + suffix;
    }

    /** 31 -> "thirty-first", 100 -> "one hundredth", 12 -> "twelfth". */
    static String ordinalWords(BigInteger number) {
        String prefix = number.signum() < 0 ? "minus " : "";
        String cardinal = words(number.abs());
        int split = Math.max(cardinal.lastIndexOf(' '), cardinal.lastIndexOf('-')) + 1;
        String head = cardinal.substring(0, split);
        String last = cardinal.substring(split);
        return prefix + head + ordinalOf(last);
    }

    private static String ordinalOf(String word) {
        return switch (word) {
            case "one" -> "first";
            case "two" -> "second";
            case "three" -> "third";
            case "five" -> "fifth";
            case "eight" -> "eighth";
            case "nine" -> "ninth";
            case "twelve" -> "twelfth";
            default -> word.endsWith("y") ? word.substring(0, word.length() - 1) + "ieth"
                    : Character.isDigit(word.charAt(word.length() - 1)) ? word : word + "th";
        };
    }
}
