<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>Gui::AddColumnDialog</name>
    <message>
        <source>Add Column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON pointer into the body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Header or pointer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A column named “%1” exists already.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::AnswerRules</name>
    <message>
        <source>Answer &amp;Rules…</source>
        <translation>Antwort&amp;regeln…</translation>
    </message>
    <message>
        <source>Answer rules applied</source>
        <translation>Antwortregeln angewendet</translation>
    </message>
</context>
<context>
    <name>Gui::BodyEditor</name>
    <message>
        <source>&amp;Pretty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co&amp;mpact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>XML</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Form (urlencoded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Multipart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A file sent byte for byte as the body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a file as the selected part</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1, column %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid JSON</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::BodyView</name>
    <message>
        <source>Not valid %1: %2 at line %3, column %4 (byte %5). Shown as sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy JSON Pointer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Part…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Part</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Formatting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content-Encoding not undone: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 decoded for display</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n byte sequence(s) not valid in %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Pretty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Multipart body: %1 at byte %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2 × %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(unnamed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 bytes)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::CaptureControls</name>
    <message>
        <source>Copy &amp;URL</source>
        <translation>&amp;URL kopieren</translation>
    </message>
    <message>
        <source>Capture into a &amp;New Session</source>
        <translation>In eine &amp;neue Sitzung aufzeichnen</translation>
    </message>
    <message>
        <source>&amp;Durable Answers</source>
        <translation>&amp;Dauerhafte Antworten</translation>
    </message>
    <message>
        <source>Opening the session…</source>
        <translation>Sitzung wird geöffnet…</translation>
    </message>
    <message>
        <source>Start a new session and capture into it; the read-only one stays as it is</source>
        <translation>Eine neue Sitzung beginnen und in sie aufzeichnen; die schreibgeschützte bleibt, wie sie ist</translation>
    </message>
    <message>
        <source>Answer each request only once it is safely in the session. Off: answer first, save right after (a crash can lose answered requests).</source>
        <translation>Jede Anfrage erst beantworten, wenn sie sicher in der Sitzung ist. Aus: zuerst antworten, gleich danach speichern (ein Absturz kann beantwortete Anfragen verlieren).</translation>
    </message>
    <message>
        <source>Address and port to listen on; Enter applies it</source>
        <translation>Adresse und Port zum Lauschen; Eingabe übernimmt sie</translation>
    </message>
    <message>
        <source>%1. Type an address and port, such as 127.0.0.1:8080</source>
        <translation>%1. Geben Sie eine Adresse und einen Port ein, etwa 127.0.0.1:8080</translation>
    </message>
    <message>
        <source>Listening on %1 exposes Hookscope to the network</source>
        <translation>Lauschen auf %1 macht Hookscope im Netzwerk erreichbar</translation>
    </message>
    <message>
        <source>Port %1 is taken: listening on %2 instead</source>
        <translation>Port %1 ist belegt: lausche stattdessen auf %2</translation>
    </message>
    <message>
        <source>public URL</source>
        <translation>öffentliche URL</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Not &amp;Listening</source>
        <translation>&amp;Lauscht nicht</translation>
    </message>
    <message>
        <source>Capture is off: %1. Capture ▸ Capture into a New Session starts capturing again.</source>
        <translation>Aufzeichnung ist aus: %1. Aufzeichnung ▸ In eine neue Sitzung aufzeichnen startet sie wieder.</translation>
    </message>
    <message>
        <source>Read-only, not capturing: %1</source>
        <translation>Schreibgeschützt, keine Aufzeichnung: %1</translation>
    </message>
    <message>
        <source>Starting the listener…</source>
        <translation>Listener wird gestartet…</translation>
    </message>
    <message>
        <source>&amp;Listening</source>
        <translation>&amp;Lauscht</translation>
    </message>
    <message>
        <source>Listening on %1</source>
        <translation>Lauscht auf %1</translation>
    </message>
    <message>
        <source>Still listening on %1; %2</source>
        <translation>Lauscht weiter auf %1; %2</translation>
    </message>
    <message>
        <source>Listening on %1. Click to stop.</source>
        <translation>Lauscht auf %1. Klicken zum Anhalten.</translation>
    </message>
    <message>
        <source>Not listening. Click to listen on %1.</source>
        <translation>Lauscht nicht. Klicken, um auf %1 zu lauschen.</translation>
    </message>
    <message>
        <source>Not listening</source>
        <translation>Lauscht nicht</translation>
    </message>
    <message>
        <source>&amp;Listen Failed</source>
        <translation>Lauschen &amp;fehlgeschlagen</translation>
    </message>
    <message>
        <source>Not listening: %1</source>
        <translation>Lauscht nicht: %1</translation>
    </message>
    <message>
        <source>%1 — NOT SAVING: %2. Nothing answered is lost.</source>
        <translation>%1 — SPEICHERT NICHT: %2. Nichts Beantwortetes geht verloren.</translation>
    </message>
    <message>
        <source>Saving works again</source>
        <translation>Speichern funktioniert wieder</translation>
    </message>
</context>
<context>
    <name>Gui::CellFilter</name>
    <message>
        <source>This request has no method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This request has no path to filter by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This request has no remote address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The filter cannot select this value exactly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The filter cannot select by %1 yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::CodeView</name>
    <message>
        <source>… %1 more bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::Composer</name>
    <message>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This listener</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send to Hookscope&apos;s own listener; what arrives shows in the captured requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use {{name}} in headers and body; resolved afresh for each message. Built in: %1. Your own above take precedence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Destinations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variable&amp;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every destination gets the request-target exactly as captured: %1 — edit a URL to send its own path instead.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::Composition</name>
    <message>
        <source>not JSON (%1 at byte %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a composition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>written by a newer Hookscope (version %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no method or no body form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a table that is not rows</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::CustomColumnsController</name>
    <message>
        <source>Add Column from &amp;Header…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Column from &amp;JSON Body…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove Column “%1”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::DiffDialog</name>
    <message>
        <source>#%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare #%1 and #%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request line and headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n header line(s) differ, </source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n body line(s) differ.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gui::EmptyState</name>
    <message>
        <source>Waiting for the first webhook</source>
        <translation>Warte auf den ersten Webhook</translation>
    </message>
    <message>
        <source>Copy URL</source>
        <translation>URL kopieren</translation>
    </message>
    <message>
        <source>Send requests to</source>
        <translation>Anfragen senden an</translation>
    </message>
    <message>
        <source>Copy Public URL</source>
        <translation>Öffentliche URL kopieren</translation>
    </message>
    <message>
        <source>From the internet</source>
        <translation>Aus dem Internet</translation>
    </message>
    <message>
        <source>public URL</source>
        <translation>öffentliche URL</translation>
    </message>
    <message>
        <source>Or try it from a terminal:</source>
        <translation>Oder probieren Sie es im Terminal aus:</translation>
    </message>
    <message>
        <source>Copy command</source>
        <translation>Befehl kopieren</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>curl command</source>
        <translation>curl-Befehl</translation>
    </message>
    <message>
        <source>(not listening)</source>
        <translation>(lauscht nicht)</translation>
    </message>
    <message>
        <source>Send a &amp;Test Webhook</source>
        <translation>&amp;Test-Webhook senden</translation>
    </message>
    <message>
        <source>Send a GitHub push, signed, to this listener: see a real delivery with a valid signature</source>
        <translation>Einen signierten GitHub-Push an diesen Listener senden: eine echte Zustellung mit gültiger Signatur sehen</translation>
    </message>
</context>
<context>
    <name>Gui::ExchangeView</name>
    <message>
        <source>&amp;Accept this Certificate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response Headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response Body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust this certificate for this host and port from now on, although no CA vouches for it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not trusted: %1
SHA-256 %2
%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>(%n byte(s) of the body file)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Response Headers (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::FieldsModel</name>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::FilterBar</name>
    <message>
        <source>Filter (Ctrl+F): text, method:POST status:&gt;=400 path:/github* header:X-GitHub-Event=push body:&quot;main&quot; type:json rejected:yes</source>
        <translation>Filter (Strg+F): Text, method:POST status:&gt;=400 path:/github* header:X-GitHub-Event=push body:&quot;main&quot; type:json rejected:yes</translation>
    </message>
    <message>
        <source>searching headers and bodies… %1%</source>
        <translation>durchsuche Header und Bodys… %1%</translation>
    </message>
</context>
<context>
    <name>Gui::FindBar</name>
    <message>
        <source>Find in this request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter, Shift+F3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next match (Enter, F3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close (Escape)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::ForwardRulesDialog</name>
    <message>
        <source>&amp;Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer the sender with the first destination&apos;s answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forwarding Rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any method (or e.g. POST, PUT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any path (or e.g. /hooks/*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>http://127.0.0.1:3000
(one URL per line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>/hooks/*</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>/api/webhooks/*</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Methods:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Path:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Destinations:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rewrite path:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Attempts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First retry &amp;after:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Wait at most:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do&amp;wn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Captured requests are forwarded once saved, by the first enabled rule that matches, as they came (hop-by-hop headers dropped; Host and Content-Length made for the destination).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no destination)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(off) %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::ForwardRulesJson</name>
    <message>
        <source>The saved forwarding rules cannot be read (%1); forwarding is off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The saved forwarding rules are of version %1, which this Hookscope does not know; forwarding is off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A saved forwarding rule cannot be used (%1); forwarding is off.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::Forwarding</name>
    <message>
        <source>&amp;Forwarding Rules…</source>
        <translation>&amp;Weiterleitungsregeln…</translation>
    </message>
    <message>
        <source>Forwarding → %1</source>
        <translation>Weiterleitung → %1</translation>
    </message>
    <message numerus="yes">
        <source> (+%n more)</source>
        <translation>
            <numerusform> (+%n weitere)</numerusform>
            <numerusform> (+%n weitere)</numerusform>
        </translation>
    </message>
    <message>
        <source>Captured requests are forwarded to:
%1</source>
        <translation>Aufgezeichnete Anfragen werden weitergeleitet an:
%1</translation>
    </message>
</context>
<context>
    <name>Gui::HarTransfer</name>
    <message>
        <source>cancelled; nothing was imported</source>
        <translation>abgebrochen; nichts wurde importiert</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n request(s)</source>
        <translation>
            <numerusform>%n Anfrage importiert</numerusform>
            <numerusform>%n Anfragen importiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>skipped %n already in the session</source>
        <translation>
            <numerusform>%n schon in der Sitzung übersprungen</numerusform>
            <numerusform>%n schon in der Sitzung übersprungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>split header values of several lines in %n</source>
        <translation>
            <numerusform>mehrzeilige Header-Werte in %n aufgeteilt</numerusform>
            <numerusform>mehrzeilige Header-Werte in %n aufgeteilt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n without their body (not in the HAR)</source>
        <translation>
            <numerusform>%n ohne Body (nicht im HAR)</numerusform>
            <numerusform>%n ohne Body (nicht im HAR)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>skipped %n sent attempt(s)</source>
        <translation>
            <numerusform>%n Sendeversuch übersprungen</numerusform>
            <numerusform>%n Sendeversuche übersprungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with notes in the Overview</source>
        <translation>
            <numerusform>%n mit Hinweisen in der Übersicht</numerusform>
            <numerusform>%n mit Hinweisen in der Übersicht</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Import HAR…</source>
        <translation>HAR &amp;importieren…</translation>
    </message>
    <message>
        <source>&amp;Export HAR…</source>
        <translation>HAR &amp;exportieren…</translation>
    </message>
    <message>
        <source>Import HAR</source>
        <translation>HAR importieren</translation>
    </message>
    <message>
        <source>HAR files (*.har)</source>
        <translation>HAR-Dateien (*.har)</translation>
    </message>
    <message>
        <source>Export HAR</source>
        <translation>HAR exportieren</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>%1 wird importiert…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>Exportiere nach %1…</translation>
    </message>
    <message>
        <source>cancelled; nothing was written</source>
        <translation>abgebrochen; nichts wurde geschrieben</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n request(s)</source>
        <translation>
            <numerusform>%n Anfrage exportiert</numerusform>
            <numerusform>%n Anfragen exportiert</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gui::HeadersEditor</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added by signing at the last send; not editable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filled in for each destination; type to send your own value, untick to leave it out</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::HelpMenu</name>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>Open &amp;Data Folder</source>
        <translation>&amp;Datenordner öffnen</translation>
    </message>
    <message>
        <source>Unsaved sessions and your templates: %1</source>
        <translation>Ungespeicherte Sitzungen und Ihre Vorlagen: %1</translation>
    </message>
    <message>
        <source>&amp;Report a Bug…</source>
        <translation>&amp;Fehler melden…</translation>
    </message>
    <message>
        <source>&amp;About Hookscope</source>
        <translation>Ü&amp;ber Hookscope</translation>
    </message>
    <message>
        <source>About Hookscope</source>
        <translation>Über Hookscope</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Hookscope %1&lt;/h3&gt;&lt;p&gt;Capture, inspect, verify and send webhooks.&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;&lt;p&gt;Copyright © 2026 The Hookscope authors. MIT License: free to use, copy, change and share; no warranty.&lt;/p&gt;&lt;p&gt;Report bugs at &lt;a href=&quot;%4&quot;&gt;%4&lt;/a&gt;.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Hookscope %1&lt;/h3&gt;&lt;p&gt;Webhooks aufzeichnen, untersuchen, prüfen und senden.&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %2, läuft mit Qt %3.&lt;/p&gt;&lt;p&gt;Copyright © 2026 Die Hookscope-Autoren. MIT-Lizenz: frei zu benutzen, zu kopieren, zu ändern und weiterzugeben; ohne Gewähr.&lt;/p&gt;&lt;p&gt;Fehler bitte unter &lt;a href=&quot;%4&quot;&gt;%4&lt;/a&gt; melden.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>Menü</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>**What happened**


**What you expected**


**How to make it happen**
(The request&apos;s bytes help most: select it and Copy as curl, or File ▸ Export HAR. Take secrets and tokens out first.)</source>
        <translation>**Was passiert ist**


**Was Sie erwartet haben**


**Wie es sich wiederholen lässt**
(Am meisten helfen die Bytes der Anfrage: wählen Sie sie aus und kopieren Sie sie als curl, oder Datei ▸ HAR exportieren. Entfernen Sie vorher Geheimnisse und Tokens.)</translation>
    </message>
</context>
<context>
    <name>Gui::HexView</name>
    <message>
        <source>Copy as &amp;Hex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as &amp;Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::HistoryModel</name>
    <message>
        <source>no destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gui::HttpsCertificate</name>
    <message>
        <source>Choose the certificate file and its key file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the PKCS#12 file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new certificate will be made when you press OK: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::HttpsControls</name>
    <message>
        <source>Certificate: %1
Valid for: %2
SHA-256: %3
Expires: %4</source>
        <translation>Zertifikat: %1
Gültig für: %2
SHA-256: %3
Läuft ab: %4</translation>
    </message>
    <message>
        <source>Serve &amp;HTTPS</source>
        <translation>&amp;HTTPS bereitstellen</translation>
    </message>
    <message>
        <source>HTTP&amp;S…</source>
        <translation>HTTP&amp;S…</translation>
    </message>
    <message>
        <source>Copy HTTPS U&amp;RL</source>
        <translation>HTTPS-U&amp;RL kopieren</translation>
    </message>
    <message>
        <source>The https port and its certificate: export it for senders to trust, or make it anew</source>
        <translation>Der HTTPS-Port und sein Zertifikat: exportieren, damit Absender ihm vertrauen, oder neu erstellen</translation>
    </message>
    <message>
        <source>Copied the HTTPS URL</source>
        <translation>HTTPS-URL kopiert</translation>
    </message>
    <message>
        <source>HTTPS: waits for the listener</source>
        <translation>HTTPS: wartet auf den Listener</translation>
    </message>
    <message>
        <source>HTTPS: loading the certificate…</source>
        <translation>HTTPS: Zertifikat wird geladen…</translation>
    </message>
    <message>
        <source>HTTPS on %1</source>
        <translation>HTTPS auf %1</translation>
    </message>
    <message>
        <source>HTTPS on the plain port</source>
        <translation>HTTPS auf dem einfachen Port</translation>
    </message>
    <message>
        <source> and the plain port</source>
        <translation> und dem einfachen Port</translation>
    </message>
    <message>
        <source> — the certificate EXPIRED on %1</source>
        <translation> — das Zertifikat ist am %1 ABGELAUFEN</translation>
    </message>
    <message>
        <source> — the certificate expires on %1</source>
        <translation> — das Zertifikat läuft am %1 ab</translation>
    </message>
    <message>
        <source>HTTPS off: %1</source>
        <translation>HTTPS aus: %1</translation>
    </message>
    <message>
        <source>Capture ▸ HTTPS… changes the port and the certificate.</source>
        <translation>Aufzeichnung ▸ HTTPS… ändert Port und Zertifikat.</translation>
    </message>
    <message>
        <source>Serve HTTPS on its own port, beside the plain one</source>
        <translation>HTTPS auf einem eigenen Port neben dem einfachen bereitstellen</translation>
    </message>
</context>
<context>
    <name>Gui::HttpsDialog</name>
    <message>
        <source>Serve &amp;HTTPS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The &amp;plain port takes HTTPS too, told apart by the first byte</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Regenerate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTPS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any free port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tried first; when it is taken, the next free port is used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A sender given https:// for the plain port by mistake still gets through</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hookscope&apos;s own, made for you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM certificate and key files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PKCS#12 file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>myhost.local, 192.168.1.20</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host names and addresses besides localhost, 127.0.0.1 and ::1, separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also valid &amp;for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Certificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM keys (*.pem *.key);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PKCS#12 File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PKCS#12 files (*.p12 *.pfx);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept in the system keychain for the next start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cer&amp;tificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the certificate (PEM, no key) for senders to trust</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make Hookscope&apos;s own certificate anew; senders must trust the new one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No certificate yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject: %1
Valid for: %2
SHA-256: %3
Valid from %4 until %5 (%6)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 days left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This certificate has expired: senders will refuse it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This certificate expires in %1 days: senders will refuse it after %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate… makes a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no certificate to export yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to %1. Senders that trust it can reach the https port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make a new certificate? Senders that trust the current one must be given the new one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::HttpsPassword</name>
    <message>
        <source>the keychain did not give the PKCS#12 password: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the keychain did not keep the PKCS#12 password: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::JsonTreeModel</name>
    <message>
        <source>object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>boolean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>null</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(root)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>{%n member(s)}</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[%n element(s)]</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::LatencyChart</name>
    <message>
        <source>Answers by latency; the last bar also holds every slower answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answers yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::MadeFromView</name>
    <message>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destinations (final status)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replays &amp;&amp; Forwards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read what was sent from this request: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a request to see its replays and forwards.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not replayed or forwarded yet. Replay it with Capture ▸ Replay… (Ctrl+Shift+R).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Sent %n time(s) from this request:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Replays &amp;&amp; Forwards (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::MainWindow</name>
    <message>
        <source>Hookscope</source>
        <translation>Hookscope</translation>
    </message>
    <message>
        <source>&amp;New Session</source>
        <translation>&amp;Neue Sitzung</translation>
    </message>
    <message>
        <source>&amp;Open Session…</source>
        <translation>Sitzung ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;Save Session As…</source>
        <translation>Sitzung &amp;speichern unter…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>&amp;Leeren</translation>
    </message>
    <message>
        <source>Start an empty session; the current one stays in its file</source>
        <translation>Eine leere Sitzung beginnen; die aktuelle bleibt in ihrer Datei</translation>
    </message>
    <message>
        <source>&amp;Filter…</source>
        <translation>&amp;Filter…</translation>
    </message>
    <message>
        <source>Find in &amp;Request…</source>
        <translation>In &amp;Anfrage suchen…</translation>
    </message>
    <message>
        <source>Find &amp;Next</source>
        <translation>&amp;Weitersuchen</translation>
    </message>
    <message>
        <source>Find Pre&amp;vious</source>
        <translation>&amp;Rückwärts suchen</translation>
    </message>
    <message>
        <source>&amp;Follow Newest</source>
        <translation>&amp;Neueste verfolgen</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Capture</source>
        <translation>Auf&amp;zeichnung</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>Open Session</source>
        <translation>Sitzung öffnen</translation>
    </message>
    <message>
        <source>Hookscope sessions (*.hookscope)</source>
        <translation>Hookscope-Sitzungen (*.hookscope)</translation>
    </message>
    <message>
        <source>Save Session As</source>
        <translation>Sitzung speichern unter</translation>
    </message>
    <message>
        <source>This session is read-only: capture into a new session to import into it</source>
        <translation>Diese Sitzung ist schreibgeschützt: zeichnen Sie in eine neue Sitzung auf, um hinein zu importieren</translation>
    </message>
    <message>
        <source>Unsaved session</source>
        <translation>Ungespeicherte Sitzung</translation>
    </message>
    <message>
        <source>%1 (read-only) — Hookscope</source>
        <translation>%1 (schreibgeschützt) — Hookscope</translation>
    </message>
    <message>
        <source>%1 — Hookscope</source>
        <translation>%1 — Hookscope</translation>
    </message>
    <message>
        <source>Kept automatically until you save it elsewhere (File ▸ Save Session As)</source>
        <translation>Wird automatisch aufbewahrt, bis Sie sie anderswo speichern (Datei ▸ Sitzung speichern unter)</translation>
    </message>
    <message>
        <source>Continuing your unsaved session. File ▸ New Session starts an empty one.</source>
        <translation>Ihre ungespeicherte Sitzung wird fortgesetzt. Datei ▸ Neue Sitzung beginnt eine leere.</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet…</translation>
    </message>
    <message>
        <source>Showing the requests was cancelled; capture goes on into %1.</source>
        <translation>Das Anzeigen der Anfragen wurde abgebrochen; die Aufzeichnung geht in %1 weiter.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n request(s)</source>
        <translation>
            <numerusform>%1 von %n Anfrage</numerusform>
            <numerusform>%1 von %n Anfragen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n Anfrage</numerusform>
            <numerusform>%n Anfragen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gui::RateChart</name>
    <message numerus="yes">
        <source>%n request(s) in the last second</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Requests per second, last minute</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::RecentSessionsMenu</name>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>Unsaved session, last changed %1</source>
        <translation>Ungespeicherte Sitzung, zuletzt geändert %1</translation>
    </message>
</context>
<context>
    <name>Gui::RepeatPanel</name>
    <message>
        <source>Send it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rep&amp;eat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop Repe&amp;ating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Repeat S&amp;ummary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the composed message again and again, as set in Repeat (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the counts, percentiles and requests/s as text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> a second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections, so requests in flight, at most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>through</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat the composed message (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>repeating %L1 times…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>repeated: %L1 of %L2 answered (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeating… %L1 of %L2 messages answered in %3 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped after %L1 of %L2 messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: %L1 messages in %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %L2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 requests/s (%L2 requests)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>latency p50 %1 ms · p90 %2 ms · p99 %3 ms · max %4 ms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::ReplayDialog</name>
    <message>
        <source>&apos;%1&apos; is not an http:// or https:// URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give at least one destination URL to replay to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1 (rejected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1 %2 %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep the original signature headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-sign (fresh &amp;timestamp):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Replay %n Request(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>http://localhost:3000/webhooks — one URL per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A receiver that checks the timestamp will reject them, which is itself a test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One after another, in capture order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In parallel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Destinations:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Order:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What changes from the captured requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the scheme to re-sign with, or keep the original signature headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request %1 was rejected before its request line was read: there is nothing to replay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing changes: it goes out as captured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No request to replay</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Sending %n request(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>#%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (retrying in %2 ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Sent %n request(s); each is stored with the request it replays.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gui::ReplaySetup</name>
    <message>
        <source>&amp;Replay…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the selected requests again to other destinations, exactly as captured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the requests to replay: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::RequestActions</name>
    <message>
        <source>Copy as &amp;curl</source>
        <translation>Als &amp;curl kopieren</translation>
    </message>
    <message>
        <source>Copy Request &amp;URL</source>
        <translation>Anfrage-&amp;URL kopieren</translation>
    </message>
    <message>
        <source>The URL the sender used to reach Hookscope: scheme, Host header and target</source>
        <translation>Die URL, mit der der Absender Hookscope erreicht hat: Schema, Host-Header und Ziel</translation>
    </message>
    <message>
        <source>Copy &amp;Body</source>
        <translation>&amp;Body kopieren</translation>
    </message>
    <message>
        <source>Copy &amp;Headers</source>
        <translation>&amp;Header kopieren</translation>
    </message>
    <message>
        <source>Save Body &amp;As…</source>
        <translation>Body speichern &amp;unter…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>&amp;Compare Two Requests</source>
        <translation>Zwei Anfragen &amp;vergleichen</translation>
    </message>
    <message>
        <source>Copied the %1</source>
        <translation>%1 kopiert</translation>
    </message>
    <message>
        <source>Could not read this request: %1</source>
        <translation>Diese Anfrage konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>curl command</source>
        <translation>curl-Befehl</translation>
    </message>
    <message>
        <source>Copied the curl command. Not reproduced exactly: %1</source>
        <translation>curl-Befehl kopiert. Nicht genau wiedergegeben: %1</translation>
    </message>
    <message>
        <source>This request has no request line to make a URL of</source>
        <translation>Diese Anfrage hat keine Anfragezeile, aus der sich eine URL machen ließe</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>body</source>
        <translation>Body</translation>
    </message>
    <message>
        <source>headers</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Save Body</source>
        <translation>Body speichern</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n request(s) from the session? This cannot be undone.</source>
        <translation>
            <numerusform>%n Anfrage aus der Sitzung löschen? Das kann nicht rückgängig gemacht werden.</numerusform>
            <numerusform>%n Anfragen aus der Sitzung löschen? Das kann nicht rückgängig gemacht werden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n request(s)</source>
        <translation>
            <numerusform>%n Anfrage gelöscht</numerusform>
            <numerusform>%n Anfragen gelöscht</numerusform>
        </translation>
    </message>
    <message>
        <source>Select two requests to compare</source>
        <translation>Wählen Sie zwei Anfragen zum Vergleichen aus</translation>
    </message>
    <message>
        <source>Could not read both requests to compare them</source>
        <translation>Die beiden Anfragen konnten zum Vergleichen nicht gelesen werden</translation>
    </message>
</context>
<context>
    <name>Gui::RequestDetail</name>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>yes, no version agreed</source>
        <translation>ja, keine Version vereinbart</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>Server name (SNI)</source>
        <translation>Servername (SNI)</translation>
    </message>
    <message>
        <source>ALPN</source>
        <translation>ALPN</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Überblick</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>Query</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Body</translation>
    </message>
    <message>
        <source>Raw</source>
        <translation>Roh</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Signatur</translation>
    </message>
    <message>
        <source>Select a request to see it here.</source>
        <translation>Wählen Sie eine Anfrage aus, um sie hier zu sehen.</translation>
    </message>
    <message>
        <source>The selected request is hidden by the filter. Change or clear the filter to see it again.</source>
        <translation>Die ausgewählte Anfrage wird vom Filter verborgen. Ändern oder leeren Sie den Filter, um sie wieder zu sehen.</translation>
    </message>
    <message>
        <source>Headers (%1)</source>
        <translation>Header (%1)</translation>
    </message>
    <message>
        <source>Query (%1)</source>
        <translation>Query (%1)</translation>
    </message>
    <message numerus="yes">
        <source>(%n more byte(s))</source>
        <translation>
            <numerusform>(%n weiteres Byte)</numerusform>
            <numerusform>(%n weitere Bytes)</numerusform>
        </translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <source>%1, for %2 (as %3 says: the request came through a proxy or tunnel)</source>
        <translation>%1, für %2 (laut %3: die Anfrage kam über einen Proxy oder Tunnel)</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Sizes</source>
        <translation>Größen</translation>
    </message>
    <message>
        <source>head %1 bytes, body not in HAR (%2 bytes announced)</source>
        <translation>Kopf %1 Bytes, Body nicht im HAR (%2 Bytes angekündigt)</translation>
    </message>
    <message>
        <source>head %1 bytes, body %2 bytes</source>
        <translation>Kopf %1 Bytes, Body %2 Bytes</translation>
    </message>
    <message>
        <source>Body framing</source>
        <translation>Body-Rahmung</translation>
    </message>
    <message numerus="yes">
        <source>chunked, %n trailer field(s)</source>
        <translation>
            <numerusform>chunked, %n Trailer-Feld</numerusform>
            <numerusform>chunked, %n Trailer-Felder</numerusform>
        </translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>from the forward: %1</source>
        <translation>von der Weiterleitung: %1</translation>
    </message>
    <message>
        <source>Configured answer</source>
        <translation>Eingestellte Antwort</translation>
    </message>
    <message>
        <source>%1 (not sent: the forward answered first)</source>
        <translation>%1 (nicht gesendet: die Weiterleitung antwortete zuerst)</translation>
    </message>
    <message>
        <source>after waiting for the forward: %1</source>
        <translation>nach Warten auf die Weiterleitung: %1</translation>
    </message>
    <message>
        <source>none (the client was gone)</source>
        <translation>keine (der Client war fort)</translation>
    </message>
    <message>
        <source>Chosen by</source>
        <translation>Gewählt durch</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgewiesen</translation>
    </message>
    <message>
        <source>%1 at byte %2</source>
        <translation>%1 bei Byte %2</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Hinweise</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Nicht gespeichert</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>Kein Treffer</translation>
    </message>
    <message>
        <source>Found, wrapped around</source>
        <translation>Gefunden, von vorn begonnen</translation>
    </message>
    <message>
        <source>Found at byte %1</source>
        <translation>Gefunden bei Byte %1</translation>
    </message>
</context>
<context>
    <name>Gui::RequestTableModel</name>
    <message>
        <source>rejected (%1)</source>
        <translation>abgewiesen (%1)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln byte(s)</source>
        <translation>
            <numerusform>%Ln Byte</numerusform>
            <numerusform>%Ln Bytes</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — filter with col:%2</source>
        <translation>%1 — filtern mit col:%2</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Body</translation>
    </message>
    <message>
        <source>Content type</source>
        <translation>Inhaltstyp</translation>
    </message>
    <message>
        <source>Remote</source>
        <translation>Gegenstelle</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Hinweise</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Signatur</translation>
    </message>
    <message>
        <source>Forwarded</source>
        <translation>Weitergeleitet</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
</context>
<context>
    <name>Gui::ResultsModel</name>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::RowMenu</name>
    <message>
        <source>Works on one request: select only one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select two requests to compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This session is read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by This Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter Out %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter Out This Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only the requests with this value, within the filter shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide the requests with this value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::RowTable</name>
    <message>
        <source>+</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>−</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↑</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the selected row up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the selected row down</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::RuleIndicator</name>
    <message>
        <source>• %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer rules: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source> (+%n more)</source>
        <translation type="unfinished">
            <numerusform> (+%n weitere)</numerusform>
            <numerusform> (+%n weitere)</numerusform>
        </translation>
    </message>
    <message>
        <source>Default answer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Otherwise the default answer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests are answered by these rules, tried in order:
%1

Click to edit them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last answer %1: rule “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last answer %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last answer %1: the default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the default answer (no answer rule matched)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>answer rule “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hookscope itself: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::RulesDialog</name>
    <message>
        <source>Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start over after the last answer (otherwise the last repeats)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer Rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any method, or e.g. POST, PUT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any path, or a pattern such as /github/*</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any, signed or not</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid (any reason)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signed, but no secret set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid: mismatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid: timestamp too old</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid: timestamp too new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer only requests whose signature check came out this way, e.g. 401 for an invalid signature to test a sender&apos;s retries. Secrets are set in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name: value, one per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rules, tried in order:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Methods:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answers in turn:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delay:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> after %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (off)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default answer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::SecretFile</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is damaged (%2); its secrets were not read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot make the folder for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file could not be replaced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot remove %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::SecretStore</name>
    <message>
        <source>No system keychain found; secrets are kept in %1, readable only by you. The first time Hookscope starts with a keychain running (GNOME Keyring, KWallet or another Secret Service), it moves them there and deletes the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(The keychain said: %1.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain refused access (%1), so the secrets were not read. Verification runs without them; entries shown as not loaded keep their stored secret unless you type a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain has no secret for %1; type it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the secret for %1 from the keychain: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not store the secret for %1 in the system keychain: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not remove a secret from the system keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secrets were moved from %1 into the system keychain, and the file deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no secret for %2; type it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 secret %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a removed entry</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::SecretsPage</name>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sho&amp;w</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any path; or a pattern such as /hooks/github/*</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>how results name this secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paste it as the provider shows it (whsec_…, plain, …)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. https://abc.trycloudflare.com (Twilio and Square sign it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sc&amp;heme:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Path pattern:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Label:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ecret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public &amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timestamp tolerance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (default %2 s):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the secrets…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not loaded: the stored secret is kept unless you type a new one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not text: kept exactly as stored unless you type a new one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>set</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Removed %n space(s), tab(s) or line break(s) from around the secret; everything between them is kept exactly as pasted.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The %1 secret in row %2 is empty: paste the secret, or remove the row.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::SelectionDetail</name>
    <message>
        <source>Could not read this request: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::SendOptions</name>
    <message>
        <source> ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>co&amp;nnection errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>timeout&amp;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;5xx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;429</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>40&amp;8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Wait as Retry-After says (429, 503)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the body chun&amp;ked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Insecure: accept any certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No pro&amp;xy (ignore http_proxy / https_proxy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts per destination; the failures ticked under Retry on are tried again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The wait before the first retry; it doubles each time (Retry-After wins)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No wait is longer than this, a Retry-After&apos;s included</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each wait is drawn at random this far either side of its value, so many senders do not retry in step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused, reset or closed before the answer was complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No connection within the connect timeout, or no answer within the total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at &amp;most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;jitter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Attempts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retr&amp;y on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First &amp;retry after:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect timeo&amp;ut:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Total timeout:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::SenderPanel</name>
    <message>
        <source>&amp;Templates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cance&amp;l Sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Paste curl Command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sa&amp;ve as Template…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;opy as curl</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Accept this Certificate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Forget Accepted Certificates for this Destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send to every enabled destination (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied the curl command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied the curl command. Not the same: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Templates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Si&amp;gning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compose a message, then Send (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a destination, or switch one on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose or type a secret to sign with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not an http or https URL: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Sending to %n destination(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Sent with unknown placeholders left as written: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n destination(s) answered 2xx</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 destinations failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The saved layout of this message could not be read (%1); opened from what was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened captured request #%1: the same method, target, headers and body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Template “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved the template “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as Template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Template name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filled from curl; %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filled from the curl command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clipboard holds no curl command Hookscope can read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter sent messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click to open a message again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent in this session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted the certificate of %1 (SHA-256 %2); send again to use it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept this Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust this certificate for %1 from now on?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1

SHA-256 %2

Not trusted because: %3

Only this exact certificate is accepted; you can forget it from the results&apos; menu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forgot the certificates accepted for %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::SentSession</name>
    <message>
        <source>%1 of %2 answered 2xx</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::SettingsDialog</name>
    <message>
        <source> MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> KiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer only once a request is safely in the session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any free port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listen on address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest body:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest request head:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most header fields:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head must arrive within:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close idle connections after:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most connections at once:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Durable answers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cap&amp;ture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Secrets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other machines on the network will be able to send to Hookscope and read its answers. Use 127.0.0.1 to keep it to this computer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::SignatureBadge</name>
    <message>
        <source>not checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mismatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>timestamp too old</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>timestamp too new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>malformed header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signed %1 s before it arrived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signed %1 s after it arrived (a clock ahead)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid %1 signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed with %1, but no secret is set for it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid signature: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid %1 signature: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matched: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Signature tab shows why</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::SignatureReport</name>
    <message>
        <source>%1; tolerance %2 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request was rejected before it was complete, so its signature was not checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This request was not verified: it was imported, or captured before signatures were checked. The checks below use the secrets set now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No signature header of a scheme Hookscope knows is in this request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No secret set for %1 — &lt;a href=&apos;%2%3&apos;&gt;add one in Settings → Secrets&lt;/a&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request is signed, but there is no secret to check it with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ Valid %1 signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matched the secret “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ Invalid signature: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ Invalid %1 signature: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signature matched the secret “%1”, but its timestamp is out of tolerance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… %1 bytes not shown …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With the secrets set now, this request checks as: %1. The table shows the result kept in the session until re-checking reaches it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(%1 bytes) — &lt;a href=&apos;%2&apos;&gt;copy&lt;/a&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>show less</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>show all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown up to %1 bytes; copy gives them all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No signature in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secrets tried</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>does not match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hints</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::SignatureTab</name>
    <message>
        <source>Signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature ✓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature ✗</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature ?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a request to see its signature here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the signature…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::SigningPicker</name>
    <message>
        <source>Unsigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret for this message only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;with:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secre&amp;t:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a secret…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::SigningSetup</name>
    <message>
        <source>&apos;%1&apos; is not a public URL: give the address providers send to, starting with http:// or https:// and a host, such as https://abc.trycloudflare.com.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::TemplateLibrary</name>
    <message>
        <source>A template cannot keep a file as its body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot make the folder %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::TestWebhook</name>
    <message>
        <source>the GitHub push template is missing</source>
        <translation>die Vorlage für GitHub-Push fehlt</translation>
    </message>
    <message>
        <source>Not listening: start the listener to receive the test webhook</source>
        <translation>Lauscht nicht: Starten Sie den Listener, um den Test-Webhook zu empfangen</translation>
    </message>
    <message>
        <source>Could not make the test webhook: %1</source>
        <translation>Test-Webhook konnte nicht erstellt werden: %1</translation>
    </message>
    <message>
        <source>Sent a signed GitHub push to %1; Hookscope answered %2</source>
        <translation>Signierten GitHub-Push an %1 gesendet; Hookscope antwortete %2</translation>
    </message>
    <message>
        <source>Could not send the test webhook: %1</source>
        <translation>Test-Webhook konnte nicht gesendet werden: %1</translation>
    </message>
</context>
<context>
    <name>Gui::TunnelControls</name>
    <message>
        <source>They pass through Cloudflare. A quick tunnel needs no account and gets a new URL each time it starts.</source>
        <translation>Sie laufen über Cloudflare. Ein Quick Tunnel braucht kein Konto und bekommt bei jedem Start eine neue URL.</translation>
    </message>
    <message>
        <source>They pass through ngrok, under your ngrok account.</source>
        <translation>Sie laufen über ngrok, unter Ihrem ngrok-Konto.</translation>
    </message>
    <message>
        <source>They pass through whatever service your tunnel command uses.</source>
        <translation>Sie laufen über den Dienst, den Ihr Tunnelbefehl verwendet.</translation>
    </message>
    <message>
        <source>&amp;Public URL</source>
        <translation>&amp;Öffentliche URL</translation>
    </message>
    <message>
        <source>&amp;Tunnel Settings…</source>
        <translation>&amp;Tunneleinstellungen…</translation>
    </message>
    <message>
        <source>Copy Pu&amp;blic URL</source>
        <translation>Öffentliche URL &amp;kopieren</translation>
    </message>
    <message>
        <source>Public URL &amp;Through</source>
        <translation>Öffentliche URL &amp;über</translation>
    </message>
    <message>
        <source>Give the listener a public https URL through a tunnel, for services on the internet</source>
        <translation>Dem Listener über einen Tunnel eine öffentliche https-URL geben, für Dienste im Internet</translation>
    </message>
    <message>
        <source>&amp;Cloudflare Quick Tunnel (no account)</source>
        <translation>&amp;Cloudflare Quick Tunnel (ohne Konto)</translation>
    </message>
    <message>
        <source>&amp;ngrok</source>
        <translation>&amp;ngrok</translation>
    </message>
    <message>
        <source>C&amp;ustom Command…</source>
        <translation>&amp;Eigener Befehl…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the public URL</source>
        <translation>Die öffentliche URL kopieren</translation>
    </message>
    <message>
        <source>Public URL</source>
        <translation>Öffentliche URL</translation>
    </message>
    <message>
        <source>A public URL lets anyone on the internet who knows it send requests to Hookscope.</source>
        <translation>Über eine öffentliche URL kann jeder im Internet, der sie kennt, Anfragen an Hookscope senden.</translation>
    </message>
    <message>
        <source>Requests and Hookscope&apos;s answers travel through the tunnel provider, who can see them whole: headers, bodies, tokens and signatures. %1 Send test data you are happy to share with them, and switch the public URL off when you are done. Hookscope downloads nothing; it runs the tool you have installed.</source>
        <translation>Anfragen und die Antworten von Hookscope laufen über den Tunnelanbieter, der sie vollständig sehen kann: Header, Bodys, Tokens und Signaturen. %1 Senden Sie Testdaten, die Sie mit ihm teilen mögen, und schalten Sie die öffentliche URL aus, wenn Sie fertig sind. Hookscope lädt nichts herunter; es startet das Werkzeug, das Sie installiert haben.</translation>
    </message>
    <message>
        <source>Use a Public URL</source>
        <translation>Öffentliche URL verwenden</translation>
    </message>
    <message>
        <source>

Its last output:
%1</source>
        <translation>

Seine letzte Ausgabe:
%1</translation>
    </message>
    <message>
        <source>Public URL waits for the listener</source>
        <translation>Öffentliche URL wartet auf den Listener</translation>
    </message>
    <message>
        <source>Public URL: starting %1…</source>
        <translation>Öffentliche URL: %1 wird gestartet…</translation>
    </message>
    <message>
        <source>Running %1</source>
        <translation>Führe %1 aus</translation>
    </message>
    <message>
        <source>Public URL %1</source>
        <translation>Öffentliche URL %1</translation>
    </message>
    <message>
        <source>Through %1 to %2. Requests pass through the provider.</source>
        <translation>Über %1 zu %2. Anfragen laufen über den Anbieter.</translation>
    </message>
    <message>
        <source>Public URL: %1; starting it again</source>
        <translation>Öffentliche URL: %1; wird neu gestartet</translation>
    </message>
    <message>
        <source>Public URL off: %1</source>
        <translation>Öffentliche URL aus: %1</translation>
    </message>
    <message>
        <source>Copied the public URL</source>
        <translation>Öffentliche URL kopiert</translation>
    </message>
</context>
<context>
    <name>Gui::TunnelDialog</name>
    <message>
        <source>not found on PATH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (found on PATH)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tunnel Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. bore local {port} --to bore.pub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{port} is the listener&apos;s port, {url} its local URL. Split like a shell&apos;s words; no shell runs it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the first http(s):// URL it prints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A regular expression; its first group, if it has one, is the URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public URL &amp;through:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;cloudflared:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;ngrok:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom co&amp;mmand:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;URL expression:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tunnel is not running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up: %1 reaches %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1. Starting it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the Program</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::Workspaces</name>
    <message>
        <source>Captured</source>
        <translation>Aufgezeichnet</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Sender</translation>
    </message>
    <message>
        <source>Se&amp;nder</source>
        <translation>Se&amp;nder</translation>
    </message>
    <message>
        <source>&amp;Captured Requests</source>
        <translation>&amp;Aufgezeichnete Anfragen</translation>
    </message>
    <message>
        <source>Send to Sende&amp;r</source>
        <translation>An Sende&amp;r schicken</translation>
    </message>
    <message>
        <source>Open the selected captured request in the sender, exactly as it arrived</source>
        <translation>Die ausgewählte aufgezeichnete Anfrage im Sender öffnen, genau wie sie ankam</translation>
    </message>
</context>
<context>
    <name>Http::BindAddress</name>
    <message>
        <source>&apos;%1&apos; is not an IP address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an IPv4 address in full, such as 127.0.0.1 (four numbers 0 to 255, no leading zeros)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no address given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; has no closing &apos;]&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an address and port, such as [::1]:8080</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos;: brackets are for IPv6 addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; has no address before the port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is ambiguous: write [%2]:%3 for port %3, or [%1] for the address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; has a port; give the address alone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; has no port after &apos;:&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a port (0 to 65535)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Payload::ContentDecoder</name>
    <message>
        <source>the %1-decoded body is larger than the %2 MiB limit (possibly a decompression bomb)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 byte(s) after the end of the %2 data were left out</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>could not start the %1 decoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the %1 data needs a preset dictionary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the %1 data is corrupt at byte %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the %1 data ends early (truncated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not start the br decoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the br data ends early (truncated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the br data is corrupt at byte %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the content coding &apos;%1&apos; is not supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown content coding &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (undoing &apos;%2&apos; of &apos;%3&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Payload::Json</name>
    <message>
        <source>the formatted text would be larger than %1 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected end of input inside a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a control character in a string must be escaped (RFC 8259 §7)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected four hex digits after \u</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid escape sequence in a string (RFC 8259 §7)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected end of input inside a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a number must not have leading zeros (RFC 8259 §6)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a digit after &apos;-&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a digit after the decimal point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a digit in the exponent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no JSON value: the body is empty or only whitespace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected end of input: expected a member name or &apos;}&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected end of input: expected a value or &apos;]&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected end of input inside a literal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid literal: expected &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a value, found &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a value (object, array, string, number, true, false or null)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a member name in double quotes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected end of input: expected &apos;:&apos; after the member name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &apos;:&apos; after the member name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected end of input: expected a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected data after the JSON value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected end of input: expected &apos;,&apos; or &apos;}&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected end of input: expected &apos;,&apos; or &apos;]&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected end of input: expected a member name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trailing comma: expected a member name after &apos;,&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trailing comma: expected a value after &apos;,&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &apos;,&apos; or &apos;}&apos; after an object member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &apos;,&apos; or &apos;]&apos; after an array element</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Payload::JsonTree</name>
    <message>
        <source>the document is too large for the tree view (4 GiB or more)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Payload::Multipart</name>
    <message>
        <source>no multipart boundary: the Content-Type has no boundary parameter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the boundary &apos;%1&apos; does not occur in the body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>part %1 has no empty line after its headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the body ends inside the headers of part %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a header line of part %1 has no name and &apos;:&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the body ends without the closing boundary &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Payload::XmlFormatter</name>
    <message>
        <source>UTF-16 XML cannot be formatted; it is shown as text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the element &lt;%1&gt; (line %2) is not closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no root element</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>malformed character reference (XML 1.0 §4.1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;&amp;&apos; must begin a reference such as &amp;amp; (XML 1.0 §4.1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an entity reference must end with &apos;;&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text outside the root element</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the CDATA section is not closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CDATA outside the root element</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &lt;!--, &lt;![CDATA[ or &lt;!DOCTYPE after &apos;&lt;!&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the comment is not closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;--&apos; is not allowed inside a comment (XML 1.0 §2.5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a name after &apos;&lt;?&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected whitespace or &apos;?&gt;&apos; after the processing instruction name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the processing instruction is not closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the XML declaration must be at the very start (XML 1.0 §2.8)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the DOCTYPE must come before the root element</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a second DOCTYPE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the DOCTYPE is not closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a tag name after &apos;&lt;&apos; (write &amp;lt; for a literal &apos;&lt;&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only one root element is allowed; this is a second one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected end of input inside a tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &apos;&gt;&apos; after &apos;/&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected an attribute name, &apos;&gt;&apos; or &apos;/&gt;&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected whitespace before the attribute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the attribute &apos;%1&apos; appears twice in this tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &apos;=&apos; after the attribute name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an attribute value must be in quotes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the attribute value is not closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;&lt;&apos; is not allowed in an attribute value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a tag name after &apos;&lt;/&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &apos;&gt;&apos; to end the end tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the end tag &lt;/%1&gt; has no start tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the end tag &lt;/%1&gt; does not match the start tag &lt;%2&gt; (line %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the document is too large to format (4 GiB or more)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the formatted text would be larger than %1 MiB</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QProgressDialog</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Session::Filter</name>
    <message>
        <source>the quotes hold nothing to look for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown field &apos;%1&apos; — fields are %2; put the word in quotes to search for it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown field &apos;%1&apos; — did you mean %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a value, like %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>size needs a number of bytes like 512, 10k or 2m, a comparison like &gt;1k or a range like 1k..64k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>id needs a number, a comparison like &gt;100 or a range like 100..200</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>method needs a method name like POST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>status needs a number, a range like 200..299 or 4xx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the range %1 is empty — put the smaller number first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:%2 can never match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>header needs a name, like header:X-GitHub-Event=push</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a header name — write header:Name=value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>remote needs an address like 127.0.0.1, a pattern like 10.0.* or a subnet like 10.0.0.0/8, optionally with :port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs yes or no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signature needs one of %1, or a scheme: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown signature &apos;%1&apos; — did you mean %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning needs one of %1 or any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown warning &apos;%1&apos; — did you mean %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no custom column is named &apos;%1&apos; — add one from the table header&apos;s menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no custom column is named &apos;%1&apos; — columns are %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no custom column is named &apos;%1&apos; — did you mean %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OR needs a term on both sides</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AND needs a term on both sides</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too deeply nested — at most %1 levels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;-&apos; needs a term right after it, like -method:GET</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NOT needs a term after it, like NOT method:GET</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this ( is never closed — add a ) after the group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the parentheses hold nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this quote is never closed — add a &quot; after the text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tls::Identity</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no certificate in the PEM text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the private key is encrypted; remove its password first (openssl pkey -in KEY -out PLAIN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no private key in the PEM text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the private key does not match the certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a PKCS#12 file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wrong password for %1, or the file is damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds no certificate with its key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot make a key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a host name or an address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot make the certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot sign the certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tls::IdentityStore</name>
    <message>
        <source>there is no certificate yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the kept one cannot be used (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the kept one expired on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the kept one is not valid for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>made a new certificate: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot make the folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tunnel</name>
    <message>
        <source>%1 is not an executable file (set in Settings)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not installed (not found on PATH)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1. Install it from %2, or set where it is in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloudflare quick tunnel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ngrok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>custom command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no tunnel command is set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the tunnel command: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the tunnel command must be one program and its arguments (no |, ; or &amp;&amp;; it runs without a shell)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not an executable file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not start: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 printed no public URL within %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 stopped unexpectedly (killed or crashed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 exited with code %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the URL expression is not valid: %1 (at %2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
