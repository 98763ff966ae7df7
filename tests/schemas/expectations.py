"""What each case under cases/ must satisfy beyond its declared keys: exact row
counts (None: follows from per_parent, bounded below) and SQL counting the rows
that break a check, a bound or a computed value (each must return 0)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Case:
    rows: dict[str, int]
    sql: tuple[str, ...] = ()
    #: Tables whose count follows from per_parent: (low, high) per parent row total.
    per_parent: dict[str, tuple[str, int, int]] = field(default_factory=dict)


CASES: dict[str, Case] = {
    "ecommerce_returns": Case(
        rows={"customers": 300, "products": 80, "orders": 1000, "returns": 150},
        per_parent={"order_items": ("orders", 1, 5)},
        sql=(
            "select count(*) from products where not (price >= cost * 1.1)",
            "select count(*) from orders o join customers c on o.customer_id = c.id"
            " where o.ordered_at < c.created_at or o.ordered_at > timestamp '2025-01-01'",
            "select count(*) from orders where (status in ('shipped','delivered')) !="
            " (shipped_at is not null)",
            "select count(*) from orders where shipped_at is not null and (shipped_at <"
            " ordered_at + interval 2 hour or shipped_at > ordered_at + interval 5 day)",
            "select count(*) from orders o where o.total is distinct from (select"
            " sum(line_total) from order_items i where i.order_id = o.id)",
            "select count(*) from orders o where o.items != (select count(*) from"
            " order_items i where i.order_id = o.id)",
            "select count(*) from orders where shipping_fee != (case when total >= 50"
            " then 0 else 4.99 end)",
            "select count(*) from order_items i join products p on i.product_id = p.id"
            " where i.unit_price != p.price or i.line_total != i.quantity * p.price",
            "select count(*) from returns r join orders o on r.order_id = o.id where"
            " r.refund > o.total or r.refund < 0 or r.requested_at < o.ordered_at"
            " or r.requested_at > o.ordered_at + interval 30 day",
            "select count(*) from customers where updated_at < created_at",
        ),
    ),
    "clinic": Case(
        rows={"doctors": 20, "patients": 500, "appointments": 4000},
        sql=(
            "select count(*) from appointments where starts_at != timestamp"
            " '2025-01-06 08:00' + to_minutes(30 * slot)",
            "select count(*) from appointments a join patients p on a.patient_id = p.id"
            " where cast(a.starts_at as date) <= p.born_on",
            "select count(*) from appointments where slot not between 0 and 999"
            " or duration not in (15, 30, 60)",
        ),
    ),
    "timetable": Case(
        rows={"teachers": 40, "rooms": 60, "classes": 50},
        per_parent={"lessons": ("classes", 5, 10)},
        sql=(
            "select count(*) from lessons l join rooms r on l.room = r.code join classes c"
            " on l.class_id = c.id where r.capacity < c.size",
            "select count(*) from rooms where not regexp_full_match(code, 'R[1-4][0-9]{2}')",
            "select count(*) from lessons where period not between 1 and 8",
        ),
    ),
    "airline": Case(
        rows={"airports": 40, "flights": 60},
        per_parent={"bookings": ("flights", 20, 90)},
        sql=(
            "select count(*) from flights where origin = dest or booked > seats",
            "select count(*) from flights f where booked != (select count(*) from"
            " bookings b where b.flight_id = f.id)",
            "select count(*) from flights where arrives_at < departs_at + interval 1 hour"
            " or arrives_at > departs_at + interval 14 hour",
            "select count(*) from bookings b join flights f on b.flight_id = f.id where"
            " b.seat > f.seats or b.booked_at > f.departs_at"
            " or b.booked_at < f.departs_at - interval 120 day",
            "select count(*) from flights where not regexp_full_match(number,"
            " '(LH|BA|AF)[0-9]{4}')",
        ),
    ),
    "social": Case(
        rows={"users": 400, "follows": 3000},
        per_parent={"posts": ("users", 0, 6)},
        sql=(
            "select count(*) from follows where follower_id = followee_id",
            "select count(*) from follows f join users a on f.follower_id = a.id join users"
            " b on f.followee_id = b.id where f.since < greatest(a.joined, b.joined)",
            "select count(*) from posts p join users u on p.author_id = u.id where"
            " p.posted_on < u.joined or p.posted_on > date '2025-01-01'",
        ),
    ),
    "inventory": Case(
        rows={"warehouses": 5, "items": 600},
        per_parent={"movements": ("items", 0, 20)},
        sql=(
            "select count(*) from items i where on_hand != opening_qty + coalesce((select"
            " sum(delta) from movements m where m.item_id = i.id), 0)",
            "select count(*) from (select m.balance, i.opening_qty + sum(m.delta) over (partition"
            " by m.item_id order by m.id) as expect from movements m join items i on"
            " m.item_id = i.id) where balance != expect",
            "select count(*) from (select seq, row_number() over (partition by item_id"
            " order by id) as n from movements) where seq != n",
            "select count(*) from items i where movement_count != (select count(*) from"
            " movements m where m.item_id = i.id)",
        ),
    ),
    "ticketing": Case(
        rows={"venues": 30},
        per_parent={"events": ("venues", 1, 4)},
        sql=(
            "select count(*) from events e join venues v on e.venue_id = v.id"
            " where e.sold > v.capacity",
            "select count(*) from events e where sold != (select count(*) from tickets t"
            " where t.event_id = e.id) or revenue != (select sum(price) from tickets t"
            " where t.event_id = e.id) or top_price != (select max(price) from tickets t"
            " where t.event_id = e.id)",
            "select count(*) from tickets where price != case tier when 'vip' then 250"
            " when 'premium' then 120 else 45 end",
            "select count(*) from tickets t join events e on t.event_id = e.id where"
            " t.sold_at > e.starts_at or t.sold_at < e.starts_at - interval 60 day",
            "select count(*) from (select count(*) n from tickets group by event_id)"
            " where n < 10 or n > 50",
        ),
    ),
    "library": Case(
        rows={"authors": 100, "books": 800, "members": 300, "loans": 5000},
        sql=(
            "select count(*) from loans l join books b on l.book_id = b.id join members m"
            " on l.member_id = m.id where l.loaned_on < greatest(b.published_on,"
            " m.joined_on) or l.loaned_on > date '2025-03-31'",
            "select count(*) from loans where due_on != loaned_on + 21",
            "select count(*) from loans where (loaned_on < date '2025-03-01') !="
            " (returned_on is not null)",
            "select count(*) from loans where returned_on is not null and (returned_on <="
            " loaned_on or returned_on > least(loaned_on + 60, date '2025-04-30'))",
            "select count(*) from loans where late is distinct from (returned_on is not null"
            " and returned_on > due_on)",
            "select count(*) from loans where fine != case when late then 0.5 else 0 end",
        ),
    ),
    "saas_tenants": Case(
        rows={"tenants": 100, "issues": 3000},
        per_parent={"projects": ("tenants", 1, 5)},
        sql=(
            "select count(*) from (select project_no, row_number() over (partition by"
            " tenant_id order by project_no) as n from projects) where project_no != n",
            "select count(*) from issues where priority not between 1 and 4",
        ),
    ),
    "geography": Case(
        rows={"countries": 60},
        per_parent={"regions": ("countries", 0, 10_000), "cities": ("regions", 1, 8)},
        sql=(
            "select count(*) from regions r join countries c on r.country_id = c.id where"
            " not starts_with(r.code, c.code || '-')",
            "select count(*) from (select region_id, sum(capital::int) k from cities group"
            " by region_id) where k != 1",
            "select count(*) from cities where population not between 1000 and 9000000",
            "select count(*) from regions where length(code) != 6",
        ),
    ),
    "subscriptions": Case(
        rows={"customers": 400, "subscriptions": 700},
        per_parent={"invoices": ("subscriptions", 1, 12)},
        sql=(
            "select count(*) from subscriptions where ended_on is not null and (ended_on <"
            " started_on + interval 1 month or ended_on > started_on + interval 2 year)",
            "select count(*) from invoices where gross != net + tax",
            "select count(*) from invoices i join subscriptions s on i.subscription_id = s.id"
            " where i.net != s.monthly_fee or i.tax != round(i.net * s.vat_rate, 2)",
            "select count(*) from invoices where period_end <= period_start"
            " or period_end != period_start + interval 1 month - interval 1 day",
            "select count(*) from subscriptions s where invoice_total != coalesce((select"
            " sum(gross) from invoices i where i.subscription_id = s.id), 0)",
            "select count(*) from invoices where number != 'INV-' || lpad(id::varchar, 8, '0')",
        ),
    ),
    "org_chart": Case(
        rows={"departments": 12, "employees": 3000},
        sql=(
            "select count(*) from employees e join employees m on e.manager_id = m.id"
            " where m.level < e.level or m.hired_on > e.hired_on",
            "select count(*) from employees where manager_id >= id",
        ),
    ),
    "wide": Case(
        rows={"wide": 2000, "empty_child": 0},
        sql=(
            "select count(*) from wide where c_0 not between -1000 and 1000"
            " or c_5 not between -99.5 and 99.5 or c_6 not between 0 and 1",
            "select count(*) from wide where c_8 not between date '1999-12-31'"
            " and date '2000-03-01'",
            "select count(*) from wide where length(c_2) not between 3 and 40",
            "select count(*) from wide where not regexp_full_match(pat_a,"
            " '[A-Z]{2}-[0-9]{3}-[a-z]?x')",
            "select count(*) from wide where seq_s != 'CUST-' || (999 + id)::varchar",
            "select count(*) from wide where neg not between -50 and -10",
            "select count(*) from wide where d_year is distinct from year(c_8)",
            "select count(*) from wide where comp is distinct from upper(f_word) || '-' ||"
            " c_0::varchar",
            "select count(*) from wide where ch not in ('a', 'b', 'c')",
        ),
    ),
    "zero_rows": Case(
        rows={"accounts": 50, "entries": 0, "orphans": 10, "nothing": 0},
        sql=(
            "select count(*) from accounts where balance != 0 or n != 0",
            "select count(*) from orphans where acct is not null",
        ),
    ),
    "unique_formats": Case(rows={"logins": 2000}),
    "params_templates": Case(
        rows={"companies": 50, "payments": 752},
        sql=(
            "select count(*) from payments where updated_at < created_at or amount <= 0"
            " or updated_at > timestamp '2025-06-01 12:00'",
        ),
    ),
    "forum": Case(
        rows={"users": 200, "posts": 400},
        per_parent={"comments": ("posts", 0, 12)},
        sql=(
            "select count(*) from comments c join comments p on c.parent_id = p.id"
            " where p.post_id != c.post_id or p.at > c.at or p.id >= c.id",
            "select count(*) from posts p where replies != (select count(*) from comments c"
            " where c.post_id = p.id)",
            "select count(*) from comments c join posts p on c.post_id = p.id where"
            " c.at < p.posted_at or c.at > p.posted_at + interval 30 day",
            # Replies exist: the construction does not just leave every parent NULL.
            "select (select count(parent_id) from comments) < 100",
        ),
    ),
    "teams": Case(
        rows={"teams": 8, "people": 1500},
        sql=(
            "select count(*) from people p join people l on p.lead_id = l.id"
            " where l.team_id != p.team_id or l.hired_on > p.hired_on or l.id >= p.id",
            "select count(lead_id) < 1300 from people",
        ),
    ),
    "nullable_refs": Case(
        rows={"agents": 25, "tickets": 4000},
        sql=(
            "select count(*) from tickets where (assignee_id is null) != (closed_at is null)",
            "select count(*) from tickets where closed_at < opened_at + interval 5 minute"
            " or closed_at > opened_at + interval 14 day",
            "select count(*) from tickets where parent_id >= id",
            "select count(*) from tickets where not regexp_full_match(key, 'SUP-[1-9][0-9]{3,5}')",
            "select count(*) from tickets where sla_hours != case severity when 'critical'"
            " then 4 when 'high' then 24 else 72 end",
            "select count(*) from tickets where severity not in ('high', 'critical') and escalated",
        ),
    ),
}
