<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Gui::BodyView</name>
    <message numerus="yes">
        <source>%n byte sequence(s) not valid in %1</source>
        <translation>
            <numerusform>%n byte sequence not valid in %1</numerusform>
            <numerusform>%n byte sequences not valid in %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gui::DiffDialog</name>
    <message numerus="yes">
        <source>%n header line(s) differ, </source>
        <translation>
            <numerusform>%n header line differs, </numerusform>
            <numerusform>%n header lines differ, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n body line(s) differ.</source>
        <translation>
            <numerusform>%n body line differs.</numerusform>
            <numerusform>%n body lines differ.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gui::ExchangeView</name>
    <message numerus="yes">
        <source>(%n byte(s) of the body file)</source>
        <translation>
            <numerusform>(%n byte of the body file)</numerusform>
            <numerusform>(%n bytes of the body file)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gui::Forwarding</name>
    <message numerus="yes">
        <source> (+%n more)</source>
        <translation>
            <numerusform> (+%n more)</numerusform>
            <numerusform> (+%n more)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gui::HarTransfer</name>
    <message numerus="yes">
        <source>Imported %n request(s)</source>
        <translation>
            <numerusform>Imported %n request</numerusform>
            <numerusform>Imported %n requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n request(s)</source>
        <translation>
            <numerusform>Exported %n request</numerusform>
            <numerusform>Exported %n requests</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gui::HistoryModel</name>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 and %n more</numerusform>
            <numerusform>%1 and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gui::JsonTreeModel</name>
    <message numerus="yes">
        <source>{%n member(s)}</source>
        <translation>
            <numerusform>{%n member}</numerusform>
            <numerusform>{%n members}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[%n element(s)]</source>
        <translation>
            <numerusform>[%n element]</numerusform>
            <numerusform>[%n elements]</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gui::MadeFromView</name>
    <message numerus="yes">
        <source>Sent %n time(s) from this request:</source>
        <translation>
            <numerusform>Sent %n time from this request:</numerusform>
            <numerusform>Sent %n times from this request:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gui::MainWindow</name>
    <message numerus="yes">
        <source>Delete %n request(s) from the session? This cannot be undone.</source>
        <translation>
            <numerusform>Delete %n request from the session? This cannot be undone.</numerusform>
            <numerusform>Delete %n requests from the session? This cannot be undone.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n request(s)</source>
        <translation>
            <numerusform>Deleted %n request</numerusform>
            <numerusform>Deleted %n requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n request(s)</source>
        <translation>
            <numerusform>%1 of %n request</numerusform>
            <numerusform>%1 of %n requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n request</numerusform>
            <numerusform>%n requests</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gui::RateChart</name>
    <message numerus="yes">
        <source>%n request(s) in the last second</source>
        <translation>
            <numerusform>%n request in the last second</numerusform>
            <numerusform>%n requests in the last second</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gui::ReplayDialog</name>
    <message numerus="yes">
        <source>Replay %n Request(s)</source>
        <translation>
            <numerusform>Replay %n Request</numerusform>
            <numerusform>Replay %n Requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sending %n request(s)…</source>
        <translation>
            <numerusform>Sending %n request…</numerusform>
            <numerusform>Sending %n requests…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sent %n request(s); each is stored with the request it replays.</source>
        <translation>
            <numerusform>Sent %n request; each is stored with the request it replays.</numerusform>
            <numerusform>Sent %n requests; each is stored with the request it replays.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gui::RequestDetail</name>
    <message numerus="yes">
        <source>(%n more byte(s))</source>
        <translation>
            <numerusform>(%n more byte)</numerusform>
            <numerusform>(%n more bytes)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>chunked, %n trailer field(s)</source>
        <translation>
            <numerusform>chunked, %n trailer field</numerusform>
            <numerusform>chunked, %n trailer fields</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gui::RequestTableModel</name>
    <message numerus="yes">
        <source>%Ln byte(s)</source>
        <translation>
            <numerusform>%Ln byte</numerusform>
            <numerusform>%Ln bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gui::SecretsPage</name>
    <message numerus="yes">
        <source>Removed %n space(s), tab(s) or line break(s) from around the secret; everything between them is kept exactly as pasted.</source>
        <translation>
            <numerusform>Removed %n space, tab or line break from around the secret; everything between them is kept exactly as pasted.</numerusform>
            <numerusform>Removed %n spaces, tabs or line breaks from around the secret; everything between them is kept exactly as pasted.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gui::SenderPanel</name>
    <message numerus="yes">
        <source>Sending to %n destination(s)…</source>
        <translation>
            <numerusform>Sending to %n destination…</numerusform>
            <numerusform>Sending to %n destinations…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n destination(s) answered 2xx</source>
        <translation>
            <numerusform>%n destination answered 2xx</numerusform>
            <numerusform>%n destinations answered 2xx</numerusform>
        </translation>
    </message>
</context>
</TS>
