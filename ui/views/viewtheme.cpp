#include "viewtheme.h"

#include <QPalette>

namespace Gui {

namespace {

QColor mix(const QColor &a, const QColor &b, qreal t)
{
    const auto channel = [t](int x, int y) { return qRound(x + (y - x) * t); };
    return QColor(channel(a.red(), b.red()), channel(a.green(), b.green()), channel(a.blue(), b.blue()));
}

} // namespace

ViewTheme ViewTheme::fromPalette(const QPalette &palette)
{
    ViewTheme t;
    t.base = palette.color(QPalette::Active, QPalette::Base);
    t.text = palette.color(QPalette::Active, QPalette::Text);
    t.dark = t.base.lightnessF() < 0.5;
    t.dimText = mix(t.text, t.base, 0.45);
    t.gutter = mix(t.base, t.text, 0.06);
    t.selection = palette.color(QPalette::Active, QPalette::Highlight);
    t.selectedText = palette.color(QPalette::Active, QPalette::HighlightedText);
    t.caret = t.text;

    // Colours in the spirit of common editor themes; picked for contrast against the base colour.
    const auto set = [&t](SpanRole role, const char *light, const char *dark) {
        t.roleText[std::size_t(role)] = QColor::fromString(QLatin1StringView(t.dark ? dark : light));
    };
    set(SpanRole::Key, "#0b4f9c", "#8cc8ff");
    set(SpanRole::String, "#a31515", "#e6a07a");
    set(SpanRole::Number, "#0a7d4f", "#b5d99c");
    set(SpanRole::Literal, "#7a1fa2", "#d6a0f0");
    set(SpanRole::Punctuation, "#5a5a5a", "#a8a8a8");
    set(SpanRole::Tag, "#800000", "#6cb0f0");
    set(SpanRole::Attribute, "#c0392b", "#9cdcfe");
    set(SpanRole::Comment, "#3c7a1e", "#7fae6a");
    set(SpanRole::Error, "#b00020", "#ff8a80");
    t.roleText[std::size_t(SpanRole::Match)] = t.text; // a match keeps the colour of what it covers
    t.errorBackground = QColor::fromString(QLatin1StringView(t.dark ? "#5c1f24" : "#ffd6d9"));
    t.matchBackground = QColor::fromString(QLatin1StringView(t.dark ? "#6b5300" : "#ffe680"));
    t.highlightRange = QColor::fromString(QLatin1StringView(t.dark ? "#7a2e12" : "#ffb38a"));
    return t;
}

} // namespace Gui
