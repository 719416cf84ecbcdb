-- The pending rows of each campaign. After every drain round, the completion sweep checks whether a
-- running campaign still has a pending row, and the cancel sweep looks for the pending rows of
-- cancelled campaigns. Without this index PostgreSQL 17 answered both with a scan of every pending
-- row of the send table (158 ms for 100,000 pending rows), so each round got slower as the outbox
-- grew. The index holds pending rows only, so it shrinks as the campaigns finish.
create index send_pending_campaign_idx on send (campaign_id) where status = 'pending';
