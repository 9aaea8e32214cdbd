// EventStoreDB server-side projection: links every Timeline domain event into one stream per actor
// (actor-<id>) and one per country (country-<code>), so that services reading EventStoreDB directly can
// subscribe to a single actor's or country's events. The links point at the original events in article-<id>;
// nothing is copied. Register it with emit enabled (see README.md beside this file).
//
// The event body is Timeline's stored JSON: camelCase fields, "country" an ISO 3166-1 alpha-2 code,
// "actors" a list of { id, name, kind, role }.

options({
  $includeLinks: false,
  reorderEvents: false,
  processingLag: 0
});

function isTimelineEvent(event) {
  return event.isJson
    && event.eventType.charAt(0) !== '$'
    && event.streamId.indexOf('article-') === 0;
}

fromAll()
  .when({
    $any: function (state, event) {
      if (!isTimelineEvent(event) || !event.body) return state;
      var body = event.body;

      if (typeof body.country === 'string' && body.country.length > 0) {
        linkTo('country-' + body.country.toUpperCase(), event);
      }

      // An actor may appear in several roles of one event; its stream gets the event once.
      var linked = {};
      var actors = body.actors || [];
      for (var i = 0; i < actors.length; i++) {
        var id = actors[i] && actors[i].id;
        if (typeof id !== 'string' || id.length === 0 || linked[id]) continue;
        linked[id] = true;
        linkTo('actor-' + id, event);
      }
      return state;
    }
  });
