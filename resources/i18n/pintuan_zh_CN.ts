<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActivityTableModel</name>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joined a group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left a group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edited a group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted a group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added a contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edited a contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed trust</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted a contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merged contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started a deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joined a deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edited a deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price cut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed a price cut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deal succeeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deal failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deal expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deal cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deal reopened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted a deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asked for help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edited a request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted a request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Helped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Got help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edited a help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted a help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settled up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bargain cut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>joined group buy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>boost click</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>other help</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BalanceTableModel</name>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cut for them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cut for you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} (blocked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You helped {name} more often than they helped you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} helped you more often than you helped them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You and {name} are even.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DueDealsModel</name>
    <message>
        <source>Deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group buy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bargain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Boost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{current} → {target}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{joined} of {needed} joined</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Pintuan Quest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data folder: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database check failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The quick integrity check of your database found problems: some data may be damaged.

Keep a copy of the data folder {path} before changing anything, and run “pintuan-quest check” for details. Recent backups are in its “backups” folder.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome! Nothing is recorded yet. The groups, contacts, deals and helps you record will show up here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Helps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadlines soon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open deals whose deadline is within three days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No deadlines in the next three days. Relax!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The latest entries of your history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No activity yet. What you record shows up here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You owe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts who helped you more often than you helped them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only takes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts you helped several times lately who gave nothing back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You owe nobody a favour. Nice!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody only takes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Helps given and received per contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No contacts yet. Add the people you help and who help you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Good morning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Good afternoon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Good evening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}  ·  helped you {count}× more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance {balance}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}  ·  you helped {count}× in 30 days, nothing back</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>--{flag} takes a whole number, not &apos;{value}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A tier is PARTICIPANTS:FEN, e.g. 3:2990, not &apos;{value}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the amount once: in fen or in yuan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>help exchange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added {kind} {label} ({id}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {kind} {label} ({id}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted {kind} {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to change: give at least one field flag.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no data in {path} yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settled up with {contact}: the balance counts from here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merged {other} into {keep} ({id}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--limit must not be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance per contact (helps given − received since the last settlement):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You owe:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only takes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no database in {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>quick_check: {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>integrity_check: {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>foreign keys: {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schema: {revision} (this app: {head})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All good.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backed up to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--activities must be between 1 and 10,000,000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo data written to {path}: {counts}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(see --help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the data folder to use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>language of messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the group&apos;s rules (群规)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an activity window, e.g. &quot;Mon-Fri 20:00-22:00&quot; (repeatable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a group the contact is met in (repeatable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a deal I started (default: one I joined)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a group-buy price tier (repeatable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>when it started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log it even if the same link is already logged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in yuan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pintuan Quest: your private logbook of group buys and bargain help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open the window on demo data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fill a data folder with demo data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add a record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>change a record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>print the new record as JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>print the record as JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delete a record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mark a contact&apos;s ledger as even</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>merge two contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>show the reciprocity ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>back up the database now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No display found: the window needs a graphical session. On a server, run it on a virtual screen: xvfb-run -a python -m app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating demo data in {path}…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lookup</name>
    <message>
        <source>group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{name}&apos; matches {count} records: {listing}. Give the id instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No {what} &apos;{ref}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>store</name>
    <message>
        <source>{path} is not a readable Pintuan Quest database (damaged or another kind of file).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is read-only: check the folder&apos;s permissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk holding {path} is full: free some space and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is busy in another program: try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open {path}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the data folder {path}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} was written by a newer version of Pintuan Quest (schema {revision}); update the app to open it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>validation</name>
    <message>
        <source>&apos;{value}&apos; is not a web link (it should start with https://).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown field: {field}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A contact needs a nickname.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{name}&apos; has {count} help exchanges in the ledger: archive or merge the contact instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A contact cannot be merged with itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two price tiers start at {count} participants.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A price tier with more participants must not cost more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The target price ({target}) is above the original price ({original}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The current price is above the original price.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The current price is below the target price.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The deadline is before the deal starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A deal needs a {field}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This link is already logged as the deal &apos;{title}&apos; ({id}); log it anyway with --allow-duplicate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The deal is already {status}; re-open it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a bargain deal takes price cuts; &apos;{title}&apos; is a {kind}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A cut of {amount} fen is more than is left to cut ({left} fen).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The deal &apos;{title}&apos; has {count} helps or requests: archive it instead of deleting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The group cannot be left before it was joined.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An activity window is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A group needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The group &apos;{name}&apos; has {count} helps, requests or deals: archive it instead of deleting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A help exchange needs a {field}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A request needs a group.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {field} must not be empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {field} is too long ({length} characters; at most {max}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown {field} &apos;{value}&apos;; choose one of: {allowed}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {field} must be a whole number of fen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {field} must not be negative (got {value}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {field} is implausibly large ({value} fen).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {field} must be a whole number from {min} on (got {value}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not an amount in yuan (e.g. 12.50).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {field} needs a time zone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {field} {value} is not a plausible date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a date and time (use ISO 8601, e.g. 2026-11-25T20:30).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not an activity window (e.g. &quot;Mon-Fri 20:00-22:00&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
